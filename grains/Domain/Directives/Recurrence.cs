using Cascade.Schedules;
using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// What makes a directive a schedule (docs/domain.md "Schedules"): one instance per target per
/// period of <see cref="Every"/>, from <see cref="From"/> to <see cref="Until"/>, due on
/// <see cref="DueDay"/>; <see cref="Current"/> is the period whose instances were last handed out.
/// Targets named by <see cref="Under"/> and <see cref="Kinds"/> follow the tree; units withdrawn
/// by hand are <see cref="Excluded"/> from that.
/// </summary>
[GenerateSerializer, Immutable, Alias("cascade.recurrence")]
public sealed record Recurrence
{
    [Id(0)] public Cadence Every { get; init; }
    /// <summary>0: the period's last day; 1..31: that day of the period's last month (its last day when shorter).</summary>
    [Id(1)] public int DueDay { get; init; }
    [Id(2)] public required string From { get; init; }
    [Id(3)] public string? Until { get; init; }
    [Id(4)] public string? Current { get; init; }
    [Id(5)] public string? Under { get; init; }
    [Id(6)] public UnitKind[]? Kinds { get; init; }
    [Id(7)] public string[]? Excluded { get; init; }

    /// <summary>True when both were created alike (a repeated create): the rule and the targets, not the progress.</summary>
    public bool SameRule(Recurrence other) =>
        Every == other.Every && DueDay == other.DueDay && From == other.From && Until == other.Until && Under == other.Under
        && (Kinds ?? []).SequenceEqual(other.Kinds ?? []);

    public Period FromPeriod => Parse(From);

    public Period? UntilPeriod => Until is null ? null : Parse(Until);

    /// <summary>Whether <paramref name="period"/> lies within from..until.</summary>
    public bool Covers(Period period) =>
        period.CompareTo(FromPeriod) >= 0 && (UntilPeriod is not { } until || period.CompareTo(until) <= 0);

    private Period Parse(string name) =>
        Period.TryParse(name, Every, out var p) ? p : throw new InvalidOperationException($"'{name}' is not a {Every} period.");
}
