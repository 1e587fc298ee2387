namespace Cascade.Reports;

/// <summary>The running sums behind a <see cref="TaskCounts"/> (mutable, never stored or sent).</summary>
public sealed class CountsTally
{
    public int Count, Done, DoneOnTime, Overdue;

    public void Add(bool done, bool onTime, bool overdue)
    {
        Count++;
        if (done) Done++;
        if (onTime) DoneOnTime++;
        if (overdue) Overdue++;
    }

    public void Add(CountsTally other)
    {
        Count += other.Count;
        Done += other.Done;
        DoneOnTime += other.DoneOnTime;
        Overdue += other.Overdue;
    }

    public TaskCounts ToCounts() => new(Count, Done, DoneOnTime, Overdue);
}
