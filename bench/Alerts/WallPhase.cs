using System.Diagnostics;
using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.Bench.Wall;

namespace Cascade.Bench.Alerts;

/// <summary>
/// What the walls received while one stream of changes ran: messages by name per wall and
/// second, the alerts those carried, the most messages any wall got (and the server sent to
/// one connection) in one second, against the alert changes that happened in view meanwhile.
/// </summary>
public sealed record WallPhase(
    string Label, TimeSpan Elapsed, int Walls, IReadOnlyDictionary<string, long> Messages, long AlertItems,
    int MostReceivedInOneSecond, int MostSentInOneSecond, (int Fired, int Changed, int Resolved) InView,
    OpenLoop.Result? Load, PhaseStats Stats)
{
    public double PerWallPerSecond(string name) => Messages.GetValueOrDefault(name) / (double)Walls / Elapsed.TotalSeconds;
    public double AllPerWallPerSecond => Messages.Values.Sum() / (double)Walls / Elapsed.TotalSeconds;
    public double AlertsPerMessage => Messages.GetValueOrDefault("alerts") == 0 ? 0 : AlertItems / (double)Messages["alerts"];
    public int InViewChanges => InView.Fired + InView.Changed + InView.Resolved;

    /// <summary>Counters of every wall, taken before a phase.</summary>
    public sealed record Before(long At, List<Dictionary<string, (long Messages, long Bytes)>> Received, long AlertItems, PhaseMeter Meter)
    {
        public static Before Take(List<WallClient> walls) =>
            new(Stopwatch.GetTimestamp(), walls.Select(w => w.Received()).ToList(), walls.Sum(w => w.AlertItems), PhaseMeter.Start());
    }

    public static WallPhase Measure(string label, Before before, List<WallClient> walls, ServerSendLog sent,
        (int, int, int) inView, OpenLoop.Result? load)
    {
        var to = Stopwatch.GetTimestamp();
        var stats = before.Meter.Stop(load?.Load.Succeeded ?? 0);
        var messages = new Dictionary<string, long>();
        for (var i = 0; i < walls.Count; i++)
            foreach (var name in WallClient.Pushes)
                messages[name] = messages.GetValueOrDefault(name)
                    + walls[i].Received().GetValueOrDefault(name).Messages - before.Received[i].GetValueOrDefault(name).Messages;
        return new WallPhase(label, Stopwatch.GetElapsedTime(before.At, to), walls.Count, messages,
            walls.Sum(w => w.AlertItems) - before.AlertItems,
            walls.Select(w => w.MostInOneSecond(before.At, to).Count).DefaultIfEmpty().Max(),
            sent.MostInOneSecond(before.At, to).DefaultIfEmpty().Max(), inView, load, stats);
    }

    public string Describe() =>
        $"{Label}: {Elapsed.TotalSeconds:F0} s" +
        (Load is { } l ? $", {l.Load.Succeeded:N0} updates ({l.Load.Rate:N0}/s, failures {l.Load.DescribeFailures()}, {l.Dropped:N0} not sent)" : "") +
        $"; alert changes in view {InViewChanges:N0} (fired {InView.Fired:N0}, changed {InView.Changed:N0}, resolved {InView.Resolved:N0}); " +
        $"per wall: {AllPerWallPerSecond:F2} messages/s (summaries {PerWallPerSecond("summaries"):F2}, changes {PerWallPerSecond("changes"):F2}, " +
        $"alerts {PerWallPerSecond("alerts"):F2}, structure {PerWallPerSecond("structure"):F2}), {AlertItems / (double)Walls:N0} alerts received " +
        $"({AlertsPerMessage:F1} per alerts message); most in 1 s: {MostReceivedInOneSecond} received, {MostSentInOneSecond} sent; {Stats.Cores:F2} cores busy";
}
