using Cascade.Bench.Reporting;
using Cascade.Bench.Shared;
using Cascade.History;
using Cascade.Time;

namespace Cascade.Bench.Inspect;

/// <summary>
/// History's daily take at province scale: the bench's clock is moved to 20 s past a local midnight
/// and that day's <see cref="IHistoryDayGrain.Take"/> is called and timed, at a given
/// <c>Cascade:History:Depth</c> (set on the product's options object, which every take reads). The
/// stored size is the growth of the file's pages in use and of the file over the take (nothing
/// else writes meanwhile but the units' own midnight pass), and the points' encoded figures
/// (<c>length(data)</c>) and keys (the unit id, about 3 bytes for the day's number) read back.
/// </summary>
public sealed class HistoryTakes(IGrainFactory grains, ShiftedClock clock, DomainClock domain, HistoryOptions options, SqliteFootprint file)
{
    public sealed record Take(
        DateOnly Day, int Depth, bool Done, long Points, PhaseStats Stats,
        long UsedGrowth, long FileGrowth, long EncodedBytes, long KeyBytes, long StructureRows)
    {
        public double UsedBytesPerPoint => Points == 0 ? double.NaN : (double)UsedGrowth / Points;
        public double FileBytesPerPoint => Points == 0 ? double.NaN : (double)FileGrowth / Points;
        public double EncodedPerPoint => Points == 0 ? double.NaN : (double)EncodedBytes / Points;
        public double KeyPerPoint => Points == 0 ? double.NaN : (double)KeyBytes / Points;
    }

    /// <summary>Takes the points of the day after the clock's current one, at <paramref name="depth"/>.</summary>
    public async Task<Take> NextDayAsync(int depth)
    {
        var day = domain.Today.AddDays(1);
        options.Depth = depth;
        clock.SetLocal(day.ToDateTime(new TimeOnly(0, 0, 20)));
        var before = file.Measure();
        var meter = PhaseMeter.Start();
        var done = await grains.GetGrain<IHistoryDayGrain>(HistoryClock.Key(day)).Take();
        var counts = file.Numbers("SELECT count(*), coalesce(sum(length(data)), 0), coalesce(sum(length(unit_id)), 0) FROM history WHERE day = $p;", day.DayNumber);
        var stats = meter.Stop(counts[0]);
        var after = file.Measure();
        var structure = file.Numbers("SELECT count(*) FROM history_unit WHERE day = $p;", day.DayNumber)[0];
        return new Take(day, depth, done, counts[0], stats, after.Used - before.Used, after.File - before.File,
            counts[1], counts[2] + 3 * counts[0], structure);
    }

    public static string Describe(Take t) =>
        $"{t.Points:N0} points in {t.Stats.Elapsed.TotalSeconds:F1} s ({t.Stats.Cpu.TotalSeconds:F1} s CPU), pages in use +{Kb(t.UsedGrowth)}, file +{Kb(t.FileGrowth)}, " +
        $"{t.StructureRows:N0} structure rows; per point: {t.UsedBytesPerPoint:F1} B of pages in use, {t.FileBytesPerPoint:F1} B of file, " +
        $"{t.EncodedPerPoint:F1} B encoded + {t.KeyPerPoint:F1} B key";

    private static string Kb(long bytes) => $"{bytes / 1024.0:N0} KB";
}
