using System.Diagnostics;
using Cascade.Alerts;
using Cascade.Units;

namespace Cascade.Bench.Alerts;

/// <summary>
/// Every open alert of the given units as their grains answer <c>GetAlerts</c>, and with
/// <c>resolved</c> the latest resolved ones too; two censuses compared tell how many alerts
/// fired, changed or resolved in between (an alert that fired and resolved in between is seen
/// only when the resolved ones are read).
/// </summary>
public sealed class AlertCensus
{
    private AlertCensus(Dictionary<string, Alert> alerts, TimeSpan took)
    {
        Alerts = alerts;
        Took = took;
    }

    /// <summary>By alert id.</summary>
    public Dictionary<string, Alert> Alerts { get; }
    public TimeSpan Took { get; }

    public IEnumerable<Alert> Open => Alerts.Values.Where(a => a.State != AlertState.Resolved);

    public static async Task<AlertCensus> TakeAsync(IGrainFactory grains, IEnumerable<string> unitIds, bool resolved, int parallelism = 256)
    {
        var watch = Stopwatch.StartNew();
        var alerts = new Dictionary<string, Alert>();
        await Parallel.ForEachAsync(unitIds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (id, _) =>
        {
            var own = await grains.GetGrain<IUnitGrain>(id).GetAlerts(resolved);
            if (own.Count == 0) return;
            lock (alerts)
                foreach (var alert in own) alerts[alert.Id] = alert;
        });
        return new AlertCensus(alerts, watch.Elapsed);
    }

    /// <summary>Open alerts by "rule severity", e.g. "taskOverdue red".</summary>
    public SortedDictionary<string, int> OpenByRule() => new(Open
        .GroupBy(a => $"{a.Rule} {a.Severity.ToString().ToLowerInvariant()}")
        .ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    /// <summary>How the alerts moved since <paramref name="before"/>: fired, changed in place (severity, state, escalation), resolved.</summary>
    public (int Fired, int Changed, int Resolved) Since(AlertCensus before)
    {
        var (fired, changed, resolved) = (0, 0, 0);
        foreach (var (id, now) in Alerts)
        {
            if (!before.Alerts.TryGetValue(id, out var then))
            {
                fired++;
                if (now.State == AlertState.Resolved) resolved++;
            }
            else if (now.State == AlertState.Resolved && then.State != AlertState.Resolved) resolved++;
            else if (now.Severity != then.Severity || now.State != then.State || now.EscalationLevel != then.EscalationLevel) changed++;
        }
        // Open before and neither open nor among the latest resolved now: resolved and pushed out of the kept list.
        resolved += before.Open.Count(a => !Alerts.ContainsKey(a.Id));
        return (fired, changed, resolved);
    }
}
