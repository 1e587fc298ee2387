namespace Cascade.Time;

/// <summary>
/// How much counted time passes between two instants, and when it reaches an amount: all time,
/// or working time only (<see cref="WorkingTime"/>). Escalation counts with one of them.
/// </summary>
public abstract class ElapsedTime
{
    /// <summary>Every moment counts: <c>to - from</c>.</summary>
    public static ElapsedTime All { get; } = new AllTime();

    /// <summary>The counted time from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public abstract TimeSpan Between(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// The first instant at which the counted time since <paramref name="from"/> reaches
    /// <paramref name="elapsed"/>; <see cref="DateTimeOffset.MaxValue"/> when it never does.
    /// </summary>
    public abstract DateTimeOffset Reaching(DateTimeOffset from, TimeSpan elapsed);

    private sealed class AllTime : ElapsedTime
    {
        public override TimeSpan Between(DateTimeOffset from, DateTimeOffset to) => to - from;

        public override DateTimeOffset Reaching(DateTimeOffset from, TimeSpan elapsed) => from + elapsed;
    }
}
