using Cascade.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cascade.Tests.Unit;

/// <summary>
/// docs/domain.md "Tasks": <c>doneAt</c> and <c>tags</c> through the stored state (the grain
/// storage writes a unit's state with Orleans' serializer), including a task stored done before
/// doneAt existed.
/// </summary>
public sealed class TaskDoneAtTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    private static TaskItem Task(TaskItemStatus status, int progress, DateTimeOffset? doneAt = null, string[]? tags = null) => new()
    {
        Id = "t", Title = "主题党日", Start = new(2026, 1, 1), Due = new(2026, 12, 31), Status = status, Progress = progress,
        Version = 4, UpdatedAt = T0, UpdatedBy = "bgs", DoneAt = doneAt, Tags = tags,
    };

    [Fact]
    public void DoneAt_and_tags_read_back_as_stored()
    {
        var stored = Task(TaskItemStatus.Done, 100, T0.AddHours(-1), ["四强", "锐科技·心服务"]);
        var back = RoundTrip(stored);
        Assert.Equal(stored.DoneAt, back.DoneAt);
        Assert.Equal(stored.Tags, back.Tags);
        Assert.True(stored.SameContent(back));
        var draft = RoundTrip(new TaskDraft { Title = "x", Tags = ["效能目标考核"] });
        Assert.Equal(["效能目标考核"], draft.Tags!);
        Assert.Equal(["四强"], RoundTrip(new TaskPatch { Tags = ["四强"] }).Tags!);
    }

    [Fact]
    public void Done_then_stored_then_reopened_then_done_again()
    {
        var list = new List<TaskItem> { Task(TaskItemStatus.InProgress, 40) };
        var tasks = new UnitTasks("u", () => list, _ => DateOnly.MinValue);
        var t1 = T0.AddDays(1);
        Assert.True(tasks.Patch("t", new TaskPatch { Status = TaskItemStatus.Done }, null, t1, "bgs", out _).Succeeded);
        Assert.Equal(t1, list[0].DoneAt);

        // A restart reads the state back; an edit while still done keeps doneAt.
        list = [.. RoundTrip(list.ToArray())];
        Assert.Equal(t1, list[0].DoneAt);
        tasks.Patch("t", new TaskPatch { Note = "总结已报送" }, null, t1.AddHours(3), "bgs", out _);
        Assert.Equal((t1, t1.AddHours(3)), (list[0].DoneAt!.Value, list[0].UpdatedAt));

        tasks.Patch("t", new TaskPatch { Progress = 80 }, null, t1.AddHours(4), "bgs", out _);
        Assert.Null(list[0].DoneAt);
        Assert.Null(list[0].DoneSince);
        tasks.Patch("t", new TaskPatch { Progress = 100 }, null, t1.AddHours(5), "bgs", out _);
        Assert.Equal(t1.AddHours(5), list[0].DoneAt);
    }

    [Fact]
    public void A_task_stored_done_before_doneAt_existed_answers_its_last_write_and_keeps_it_through_edits()
    {
        var list = new List<TaskItem> { RoundTrip(Task(TaskItemStatus.Done, 100)) };
        Assert.Null(list[0].DoneAt);
        Assert.Equal(T0, list[0].DoneSince);
        Assert.Contains("\"doneAt\":\"2026-11-01T08:00:00", TaskSnapshots.Task("u", list[0]));

        new UnitTasks("u", () => list, _ => DateOnly.MinValue).Patch("t", new TaskPatch { Title = "主题党日（十一月）" }, null, T0.AddDays(2), "bgs", out _);
        Assert.Equal(T0, list[0].DoneAt);
    }

    [Fact]
    public void Tag_rules_refuse_repeats_long_labels_and_more_than_ten()
    {
        Assert.Null(TaskRules.CheckTags(["四强", "一二三四五六七八九十一二三四五六七八九十"]));
        Assert.NotNull(TaskRules.CheckTags(["四强", "四强"]));
        Assert.NotNull(TaskRules.CheckTags(["一二三四五六七八九十一二三四五六七八九十一"]));
        Assert.NotNull(TaskRules.CheckTags([""]));
        Assert.NotNull(TaskRules.CheckTags([.. Enumerable.Range(0, 11).Select(i => $"t{i}")]));
        Assert.True(TaskRules.SameTags(null, []));
        Assert.False(TaskRules.SameTags(["a", "b"], ["b", "a"]));
    }
}
