using Cascade.Tasks;

namespace Cascade.Reports;

/// <summary>The running sums behind a <see cref="TrackCounts"/>.</summary>
public sealed class TracksTally
{
    public readonly CountsTally Party = new(), Business = new(), All = new();

    public void Add(Track track, bool done, bool onTime, bool overdue)
    {
        (track == Track.Party ? Party : Business).Add(done, onTime, overdue);
        All.Add(done, onTime, overdue);
    }

    public void Add(TracksTally other)
    {
        Party.Add(other.Party);
        Business.Add(other.Business);
        All.Add(other.All);
    }

    public TrackCounts ToCounts() => new(Party.ToCounts(), Business.ToCounts(), All.ToCounts());
}
