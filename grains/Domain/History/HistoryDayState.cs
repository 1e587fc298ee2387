namespace Cascade.History;

/// <summary>A day grain's stored progress: whether the day's points are all taken, and how far a take that was cut off got.</summary>
[GenerateSerializer, Alias("cascade.history.day")]
public sealed class HistoryDayState
{
    /// <summary>Every point of the day is stored (or the day was skipped); nothing more is taken.</summary>
    [Id(0)] public bool Done { get; set; }

    /// <summary>Every unit up to this id (ordinal order) has its point; null before the first batch.</summary>
    [Id(1)] public string? Cursor { get; set; }

    /// <summary>How many points the day stored.</summary>
    [Id(2)] public int Points { get; set; }
}
