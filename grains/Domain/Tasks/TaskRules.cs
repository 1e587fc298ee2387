using System.Text.RegularExpressions;

namespace Cascade.Tasks;

/// <summary>The field rules and write normalisation of docs/domain.md "Tasks", free of Orleans and HTTP.</summary>
public static partial class TaskRules
{
    public const int MaxTitle = 200;
    public const int MaxNote = 2000;
    public const double MaxWeight = 1000;
    public const int MaxTasksPerUnit = 2000;
    public const int MaxTags = 10;
    public const int MaxTagLength = 20;

    // \z, not $: in .NET "$" also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>
    /// The first and last dates whose window (start 00:00 to due + 1 day 00:00, local time) can
    /// be represented in every time zone; outside them the window cannot even be computed.
    /// </summary>
    public static readonly DateOnly FirstDate = new(1, 1, 2);
    public static readonly DateOnly LastDate = new(9999, 12, 30);

    public static string? CheckTitle(string title) =>
        title.Length is < 1 or > MaxTitle ? $"title must be 1 to {MaxTitle} characters" : Text.DisplayText.Check("title", title);

    public static string? CheckWeight(double weight) =>
        !double.IsFinite(weight) || weight <= 0 || weight > MaxWeight
            ? $"weight must be a number above 0 and at most {MaxWeight}" : null;

    public static string? CheckProgress(int progress) =>
        progress is < 0 or > 100 ? "progress must be an integer from 0 to 100" : null;

    public static string? CheckDate(DateOnly date) =>
        date < FirstDate || date > LastDate ? $"dates must lie from {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}" : null;

    public static string? CheckNote(string note) =>
        note.Length > MaxNote ? $"note must be at most {MaxNote} characters" : null;

    /// <summary>
    /// Checks labels already trimmed: at most <see cref="MaxTags"/>, each 1 to <see cref="MaxTagLength"/>
    /// characters of display text, no two equal. Null when fine.
    /// </summary>
    public static string? CheckTags(IReadOnlyList<string> tags)
    {
        if (tags.Count > MaxTags) return $"tags may hold at most {MaxTags} labels";
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (tag.Length is < 1 or > MaxTagLength) return $"each tag must be 1 to {MaxTagLength} characters after trimming (\"{tag}\" is not)";
            if (Text.DisplayText.Check("tags", tag) is { } bad) return bad;
            for (var j = 0; j < i; j++)
                if (tags[j] == tag) return $"tags must not repeat (\"{tag}\" is given twice)";
        }
        return null;
    }

    /// <summary>The same labels in the same order; null and empty are the same (no labels).</summary>
    public static bool SameTags(string[]? a, string[]? b) =>
        (a is null || a.Length == 0) ? b is null || b.Length == 0 : b is not null && a.AsSpan().SequenceEqual(b);

    /// <summary>Builds a new task from a draft whose fields the parser already checked.</summary>
    public static Result<TaskItem> Create(TaskDraft draft, string id, DateTimeOffset now, string? by)
    {
        if (CheckDate(draft.Start) is { } badStart) return Result<TaskItem>.Invalid("start", badStart);
        if (CheckDate(draft.Due) is { } badDue) return Result<TaskItem>.Invalid("due", badDue);
        if (draft.Start > draft.Due)
            return Result<TaskItem>.Invalid("start", "start must not be after due");
        var status = draft.Status;
        var progress = draft.Progress;
        if (status == TaskItemStatus.Done) progress = 100;
        else if (progress == 100) status = TaskItemStatus.Done;
        else if (status == TaskItemStatus.NotStarted && progress > 0) status = TaskItemStatus.InProgress;
        return Result<TaskItem>.Created(new TaskItem
        {
            Id = id, Title = draft.Title, Track = draft.Track, Weight = draft.Weight,
            Start = draft.Start, Due = draft.Due, Status = status, Progress = progress,
            Note = draft.Note, Version = 1, UpdatedAt = now, UpdatedBy = by,
            DoneAt = status == TaskItemStatus.Done ? now : null, Tags = draft.Tags is { Length: > 0 } tags ? tags : null,
            Expectation = draft.Expectation,
        });
    }

    /// <summary>True when a repeated POST carries what is stored now (after defaults).</summary>
    public static bool SameAsStored(TaskDraft draft, TaskItem stored) =>
        draft.Title == stored.Title && draft.Track == stored.Track && draft.Weight.Equals(stored.Weight)
        && draft.Start == stored.Start && draft.Due == stored.Due && draft.Note == stored.Note
        && SameTags(draft.Tags, stored.Tags) && draft.Expectation == stored.Expectation;

    /// <summary>
    /// Applies a merge patch with the ordered normalisation of docs/domain.md. The result keeps the
    /// invariant "progress is 100 exactly when status is done". Version and stamps are the caller's.
    /// </summary>
    public static Result<TaskItem> Apply(TaskItem stored, TaskPatch patch)
    {
        if (patch.Status == TaskItemStatus.Done && patch.Progress is < 100)
            return Result<TaskItem>.Invalid("progress", "a done task has progress 100");
        if (patch.Progress == 100 && patch.Status is { } given && given != TaskItemStatus.Done)
            return Result<TaskItem>.Invalid("status", "progress 100 means the task is done");

        var status = patch.Status ?? stored.Status;
        var progress = patch.Progress ?? stored.Progress;
        if (patch.Status == TaskItemStatus.Done) progress = 100;
        else if (patch.Progress == 100 && patch.Status is null) status = TaskItemStatus.Done;
        else if (patch.Status == TaskItemStatus.NotStarted && patch.Progress is null) progress = 0;
        else if (patch.Status is TaskItemStatus.InProgress or TaskItemStatus.Blocked
                 && patch.Progress is null && stored.Progress == 100)
            return Result<TaskItem>.Invalid("progress", "a reopened task needs its real progress");

        if (status == TaskItemStatus.Done && progress < 100) status = TaskItemStatus.InProgress;
        if (status == TaskItemStatus.NotStarted && progress > 0) status = TaskItemStatus.InProgress;

        var start = patch.Start ?? stored.Start;
        var due = patch.Due ?? stored.Due;
        if (CheckDate(start) is { } badStart) return Result<TaskItem>.Invalid("start", badStart);
        if (CheckDate(due) is { } badDue) return Result<TaskItem>.Invalid("due", badDue);
        if (start > due)
            return Result<TaskItem>.Invalid(patch.Start is null ? "due" : "start", "start must not be after due");

        return Result<TaskItem>.Ok(stored with
        {
            Title = patch.Title ?? stored.Title,
            Track = patch.Track ?? stored.Track,
            Weight = patch.Weight ?? stored.Weight,
            Start = start,
            Due = due,
            Status = status,
            Progress = progress,
            Note = patch.Note ?? stored.Note,
            Tags = patch.Tags is null ? stored.Tags : patch.Tags.Length > 0 ? patch.Tags : null,
            Expectation = patch.Expectation ?? stored.Expectation,
        });
    }
}
