using Cascade.Alerts;
using Cascade.Directives;
using Cascade.History;
using Cascade.Time;
using Cascade.Units;
using Orleans.Concurrency;

namespace Cascade.Reports;

/// <summary>
/// The year report's reader (docs/architecture.md "Year reports"): the organization's directory
/// once, every unit of the subtree's tasks in parallel batches of <see cref="Batch"/> read-only
/// calls (archived tasks included: a unit keeps them), the raised alerts of the year once, and
/// each row's history points. Each unit's tasks are counted into the tally of its row (its
/// ancestor at the report's depth) and dropped; the rows are then added up from the bottom.
/// </summary>
[StatelessWorker]
public sealed class ReportGrain(IRaisedAlertStore raised, IHistoryStore history, DomainClock clock) : Grain, IReportGrain
{
    /// <summary>How many units are asked for their tasks at once.</summary>
    public const int Batch = 64;

    public async Task<YearReport?> Read(string unitId, int year, int depth)
    {
        var units = await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [];
        var scope = ReportScope.Of(units, unitId, depth);
        if (scope is null) return null;
        var bounds = ReportYear.Of(year, clock);
        var tallies = scope.Rows.ToDictionary(r => r.Unit.Id, _ => new YearTally(bounds, clock), StringComparer.Ordinal);

        for (var i = 0; i < scope.Members.Count; i += Batch)
        {
            var batch = scope.Members.Skip(i).Take(Batch).ToList();
            var read = await Task.WhenAll(batch.Select(m => GrainFactory.GetGrain<IUnitGrain>(m.UnitId).GetTasks()));
            for (var j = 0; j < batch.Count; j++)
            {
                if (read[j] is not { } tasks) continue;
                var tally = tallies[batch[j].RowId];
                foreach (var task in tasks) tally.Add(task);
            }
        }
        // Findings: the directive index's rows of the subtree's units, each owner read for its times.
        var findings = (await GrainFactory.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key).Findings())
            .Where(f => scope.RowOf(f.UnitId) is not null).ToList();
        for (var i = 0; i < findings.Count; i += Batch)
        {
            var batch = findings.Skip(i).Take(Batch).ToList();
            var views = await Task.WhenAll(batch.Select(f => GrainFactory.GetGrain<IDirectiveGrain>(Finding.OwnerId(f.Id)).Finding()));
            for (var j = 0; j < batch.Count; j++)
                if (views[j] is { } view)
                    tallies[scope.RowOf(batch[j].UnitId)!].AddFinding(view.Directive.CreatedAt,
                        view.Finding.State == FindingState.Closed ? view.Finding.ClosedAt : null);
        }
        foreach (var alert in await raised.FiredBetween(bounds.Start, bounds.End))
            if (scope.RowOf(alert.UnitId) is { } row) tallies[row].Add(alert);

        var today = clock.Today;
        var range = ReportMonths.Range(year, today);
        var months = await Task.WhenAll(scope.Rows.Select(async r =>
            ReportMonths.From(year, today, range is { } days ? await history.Read(r.Unit.Id, days.From, days.To) : [])));

        // Children after parents in Rows: add each row into its parent's from the bottom up.
        for (var i = scope.Rows.Count - 1; i > 0; i--)
            tallies[scope.Rows[i].Unit.ParentId!].Add(tallies[scope.Rows[i].Unit.Id]);
        var rows = scope.Rows.Select((r, i) => tallies[r.Unit.Id].ToRow(r.Unit, r.Level, months[i])).ToList();
        return new YearReport(unitId, year, depth, bounds.Cut, clock.Now, rows, units[0].Name);
    }
}
