using System.Globalization;
using Cascade.Storage;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.History;

/// <summary>
/// One day's history points (docs/architecture.md "History"). The first <see cref="Take"/> inside
/// <see cref="HistoryOptions.Window"/> after local midnight reads the directory, asks every unit at
/// <see cref="HistoryOptions.Depth"/> or above for its summary, <see cref="HistoryOptions.Batch"/> at a
/// time in parallel, appends each batch's points and stores its cursor, then prunes points (and
/// records of raised alerts) older than <see cref="HistoryOptions.Keep"/> and marks the day done. A take cut off by a crash goes on
/// from the cursor (the store ignores a point it holds already); a day first asked after its
/// window is marked done with no points. Units write nothing for it: the roll-up path is untouched.
/// </summary>
public sealed partial class HistoryDayGrain(
    [PersistentState("history-day", StorageNames.Default)] IPersistentState<HistoryDayState> state,
    IHistoryStore store, Cascade.Alerts.IRaisedAlertStore raised, DomainClock clock, IOptions<HistoryOptions> options, ILogger<HistoryDayGrain> logger) : Grain, IHistoryDayGrain
{
    private HistoryDayState S => state.State;

    public async Task<bool> Take()
    {
        if (S.Done) return true;
        if (!DateOnly.TryParseExact(this.GetPrimaryKeyString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return false;
        var now = clock.Now;
        if (clock.DayOf(now) != day) return false; // only today's points, at today's time
        var settings = options.Value;
        if (S.Cursor is null && now - clock.StartOfDay(day) > settings.Window)
        {
            LogMissed(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            S.Done = true; // midnight passed while nobody was running: no point rather than a later state
            await state.WriteStateAsync();
            return true;
        }

        var directory = await GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).ListUnits(null) ?? [];
        var plan = HistoryPlan.Units(directory, settings.Depth, S.Cursor);
        for (var i = 0; i < plan.Count; i += settings.Batch)
        {
            var batch = plan.GetRange(i, Math.Min(settings.Batch, plan.Count - i));
            var summaries = await Task.WhenAll(batch.Select(u => GrainFactory.GetGrain<IUnitGrain>(u.Unit.Id).GetSummary()));
            var points = new List<HistoryPoint>(batch.Count);
            for (var j = 0; j < batch.Count; j++)
                if (summaries[j] is { } summary) // null: deleted since the directory was read
                {
                    var (unit, depth) = batch[j];
                    points.Add(new HistoryPoint(day, unit.Id, unit.ParentId, unit.Name, unit.Kind, depth, PointFigures.From(summary)));
                }
            await store.Append(points);
            S.Cursor = batch[^1].Unit.Id;
            S.Points += points.Count;
            await state.WriteStateAsync();
        }

        var keptFrom = day.AddDays(-settings.Keep);
        var pruned = await store.Prune(keptFrom);
        var prunedAlerts = await raised.Prune(clock.StartOfDay(keptFrom)); // raised alerts are kept as long as history
        S.Done = true;
        await state.WriteStateAsync();
        LogTaken(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), S.Points, pruned, prunedAlerts);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History of {Day}: {Points} points taken, {Pruned} old points and {PrunedAlerts} records of raised alerts pruned")]
    private partial void LogTaken(string day, int points, int pruned, int prunedAlerts);

    [LoggerMessage(Level = LogLevel.Information, Message = "History of {Day}: Cascade was not running within Cascade:History:Window of its midnight; the day has no points")]
    private partial void LogMissed(string day);
}
