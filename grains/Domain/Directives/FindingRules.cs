using Cascade.Tasks;

namespace Cascade.Directives;

/// <summary>A finding's states (docs/domain.md "Findings") as the unit reports its task, and its title from its text.</summary>
public static class FindingRules
{
    public const int MaxText = 2000;
    public const int TitleLength = 200;
    /// <summary>The progress a reopened task is set back to when the inspector names none.</summary>
    public const int ReopenProgress = 90;

    public static string TitleOf(string text) => text.Length <= TitleLength ? text : text[..TitleLength];

    /// <summary>
    /// The finding after its unit reported the task as <paramref name="status"/> at task version
    /// <paramref name="version"/>: done makes an open finding await confirmation; taken back from
    /// done, an awaiting one is open again; a closed one and older reports change nothing (the same instance then).
    /// </summary>
    public static Finding OnCopy(Finding f, TaskItemStatus status, long version)
    {
        if (f.State == FindingState.Closed || version < f.CopyVersion) return f;
        var state = f.State switch
        {
            FindingState.Open when status == TaskItemStatus.Done => FindingState.AwaitingConfirmation,
            FindingState.AwaitingConfirmation when status != TaskItemStatus.Done => FindingState.Open,
            _ => f.State,
        };
        return state == f.State ? f : f with { State = state, CopyVersion = version };
    }

    public static string Name(FindingState state) => state switch
    {
        FindingState.Open => "open",
        FindingState.AwaitingConfirmation => "awaitingConfirmation",
        _ => "closed",
    };

    public static bool TryParse(string? text, out FindingState state)
    {
        foreach (var s in Enum.GetValues<FindingState>())
            if (Name(s) == text) { state = s; return true; }
        state = default;
        return false;
    }
}
