using Cascade.Alerts;
using Cascade.Tasks;
using Cascade.Units;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Cascade.Tests.Unit;

/// <summary>
/// The domain's stored and wire records keep every field through Orleans' serializer: their
/// serializers are generated in the domain project, and a record whose members the generator
/// skipped would travel empty without any error.
/// </summary>
public class WireRoundTripTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void A_task_draft_keeps_every_field()
    {
        var draft = new TaskDraft { Id = "x", Title = "党课", Track = Track.Business, Weight = 2, Start = new DateOnly(2026, 6, 1), Due = new DateOnly(2026, 6, 30), Note = "n", Status = TaskItemStatus.InProgress, Progress = 5 };
        Assert.Equal(draft, RoundTrip(draft));
    }

    [Fact]
    public void A_task_keeps_every_field()
    {
        var task = new TaskItem { Id = "t", Title = "主题党日", Track = Track.Party, Weight = 3, Start = new DateOnly(2026, 1, 1), Due = new DateOnly(2026, 3, 31), Status = TaskItemStatus.Blocked, Progress = 40, Note = "等待", Version = 7, UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1), UpdatedBy = "bgs", DirectiveId = "d1" };
        Assert.Equal(task, RoundTrip(task));
    }

    [Fact]
    public void A_unit_and_an_alert_keep_every_field()
    {
        var unit = new UnitInfo("kjt", "root", "科技厅", UnitKind.Branch, 3);
        Assert.Equal(unit, RoundTrip(unit));
        var at = DateTimeOffset.UnixEpoch.AddDays(10);
        var alert = new Alert("a1", "taskOverdue", AlertSeverity.Red, "kjt", "t", AlertState.Acknowledged, "逾期", at, at, at, "leader", "note", null, 1, "root");
        Assert.Equal(alert, RoundTrip(alert));
    }
}
