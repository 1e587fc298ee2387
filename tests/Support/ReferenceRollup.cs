using Cascade.Rollup;
using Cascade.Tasks;

namespace Cascade.Tests.Support;

/// <summary>
/// A plain full recomputation of docs/domain.md "Roll-up", written separately from the product's
/// incremental code: for each unit, gather every task of its subtree and apply the
/// definitions directly. Archived tasks (done, their window ended by local midnight of 1 January
/// of now's year) are left out, as docs/domain.md "Archived tasks" says.
/// </summary>
public static class ReferenceRollup
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public sealed record Track(int Count, double Weight, int Done, int Blocked, int Overdue, int Stale,
        double OverdueWeight, double BlockedWeight, double StaleWeight, double? Progress, double? Expected);

    public sealed record Expected(string UnitId, Track Party, Track Business, Track All, double? Lag, double? Imbalance,
        Health Health, int Units, int RedUnits, int AmberUnits, List<Reason> Reasons, int DutiesDue = 0, int DutiesDone = 0);

    /// <summary>A health rule that holds, as docs/api.md "Summary" names it in <c>healthReasons</c>.</summary>
    public sealed record Reason(string Rule, double Value, Health Level);

    public static Dictionary<string, Expected> Compute(IReadOnlyDictionary<string, string?> parents,
        IReadOnlyDictionary<string, List<TaskItem>> tasks, DateTimeOffset now, TimeSpan staleAfter)
    {
        var children = parents.Keys.ToDictionary(id => id, id => parents.Where(p => p.Value == id).Select(p => p.Key).ToList());
        List<string> Subtree(string id) => [id, .. children[id].SelectMany(Subtree)];
        var result = new Dictionary<string, Expected>();
        var health = new Dictionary<string, Health>();
        var newYear = LocalMidnight(new DateOnly(TimeZoneInfo.ConvertTime(now, Zone).Year, 1, 1));
        bool Archived(TaskItem t) => t.Status == TaskItemStatus.Done && LocalMidnight(t.Due.AddDays(1)) <= newYear;
        foreach (var id in parents.Keys)
        {
            var all = Subtree(id).SelectMany(u => tasks.GetValueOrDefault(u) ?? []).Where(t => !Archived(t)).ToList();
            var party = Figures(all.Where(t => t.Track == Cascade.Tasks.Track.Party).ToList(), now, staleAfter);
            var business = Figures(all.Where(t => t.Track == Cascade.Tasks.Track.Business).ToList(), now, staleAfter);
            var both = Figures(all, now, staleAfter);
            var lag = both.Count == 0 ? null : both.Expected - both.Progress;
            double? imbalance = party.Count == 0 || business.Count == 0 ? null : Math.Abs(party.Progress!.Value - business.Progress!.Value);
            health[id] = HealthOf(both, lag);
            // Duties: the schedule instances whose period (a month here, by its name) holds today.
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
            var duties = all.Where(t => t.ScheduleId is not null && !t.Released && t.Period == $"{today.Year:D4}-{today.Month:D2}").ToList();
            result[id] = new Expected(id, party, business, both, lag, imbalance, health[id], Subtree(id).Count, 0, 0, ReasonsOf(both, lag),
                duties.Count, duties.Count(t => t.Status == TaskItemStatus.Done));
        }
        foreach (var id in parents.Keys)
        {
            var below = Subtree(id).Skip(1).ToList();
            result[id] = result[id] with
            {
                RedUnits = below.Count(u => health[u] == Health.Red),
                AmberUnits = below.Count(u => health[u] == Health.Amber),
            };
        }
        return result;
    }

    private static DateTimeOffset LocalMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static Track Figures(List<TaskItem> set, DateTimeOffset now, TimeSpan staleAfter)
    {
        bool Overdue(TaskItem t) => t.Status != TaskItemStatus.Done && now >= LocalMidnight(t.Due.AddDays(1));
        bool Stale(TaskItem t)
        {
            var start = LocalMidnight(t.Start);
            return t.Status != TaskItemStatus.Done && t.Expectation != Expectation.AtDue && now - (t.UpdatedAt > start ? t.UpdatedAt : start) >= staleAfter;
        }
        double ExpectedOf(TaskItem t)
        {
            var start = LocalMidnight(t.Start);
            var end = LocalMidnight(t.Due.AddDays(1));
            if (t.Expectation == Expectation.AtDue) return now >= end ? 1 : 0;
            return Math.Clamp((now - start) / (end - start), 0, 1);
        }
        var weight = set.Sum(t => t.Weight);
        return new Track(
            set.Count, weight,
            set.Count(t => t.Status == TaskItemStatus.Done),
            set.Count(t => t.Status == TaskItemStatus.Blocked),
            set.Count(Overdue), set.Count(Stale),
            set.Where(Overdue).Sum(t => t.Weight),
            set.Where(t => t.Status == TaskItemStatus.Blocked).Sum(t => t.Weight),
            set.Where(Stale).Sum(t => t.Weight),
            set.Count == 0 ? null : set.Sum(t => t.Weight * t.Progress / 100.0) / weight,
            set.Count == 0 ? null : set.Sum(t => t.Weight * ExpectedOf(t)) / weight);
    }

    private static Health HealthOf(Track all, double? lag)
    {
        if (all.Count == 0) return Health.None;
        const double e = 1e-9;
        var overdue = all.OverdueWeight / all.Weight;
        if (lag >= 0.20 - e || overdue >= 0.10 - e) return Health.Red;
        if (lag >= 0.10 - e || overdue >= 0.02 - e || all.BlockedWeight / all.Weight >= 0.05 - e || all.StaleWeight / all.Weight >= 0.10 - e)
            return Health.Amber;
        return Health.Green;
    }

    /// <summary>Each rule of the definition that holds, at the highest level it reaches; red ones first, then by rule.</summary>
    private static List<Reason> ReasonsOf(Track all, double? lag)
    {
        if (all.Count == 0) return [];
        const double e = 1e-9;
        var held = new List<Reason>();
        void Rule(string rule, double value, double red, double amber)
        {
            if (value >= red - e) held.Add(new(rule, value, Health.Red));
            else if (value >= amber - e) held.Add(new(rule, value, Health.Amber));
        }
        Rule("lag", lag!.Value, 0.20, 0.10);
        Rule("overdueShare", all.OverdueWeight / all.Weight, 0.10, 0.02);
        Rule("blockedShare", all.BlockedWeight / all.Weight, double.PositiveInfinity, 0.05);
        Rule("staleShare", all.StaleWeight / all.Weight, double.PositiveInfinity, 0.10);
        return [.. held.Where(r => r.Level == Health.Red), .. held.Where(r => r.Level == Health.Amber)];
    }

    /// <summary>The differences between a summary and the recomputation; empty when they agree.</summary>
    public static List<string> Differences(Expected expected, Summary actual)
    {
        var diffs = new List<string>();
        void Same<T>(string name, T want, T got) { if (!EqualityComparer<T>.Default.Equals(want, got)) diffs.Add($"{expected.UnitId}.{name}: want {want}, got {got}"); }
        void Near(string name, double? want, double? got)
        {
            if (want is null != got is null || want is { } w && Math.Abs(w - got!.Value) > 1e-9 * Math.Max(1, Math.Abs(w)))
                diffs.Add($"{expected.UnitId}.{name}: want {want}, got {got}");
        }
        void Compare(string name, Track want, TrackSummary got)
        {
            Same($"{name}.count", want.Count, got.Count);
            Near($"{name}.weight", want.Weight, got.Weight);
            Same($"{name}.done", want.Done, got.Done);
            Same($"{name}.blocked", want.Blocked, got.Blocked);
            Same($"{name}.overdue", want.Overdue, got.Overdue);
            Same($"{name}.stale", want.Stale, got.Stale);
            Near($"{name}.overdueWeight", want.OverdueWeight, got.OverdueWeight);
            Near($"{name}.blockedWeight", want.BlockedWeight, got.BlockedWeight);
            Near($"{name}.staleWeight", want.StaleWeight, got.StaleWeight);
            Near($"{name}.progress", want.Progress, got.Progress);
            Near($"{name}.expected", want.Expected, got.Expected);
        }
        Compare("party", expected.Party, actual.Party);
        Compare("business", expected.Business, actual.Business);
        Compare("all", expected.All, actual.All);
        Near("lag", expected.Lag, actual.Lag);
        Near("imbalance", expected.Imbalance, actual.Imbalance);
        Same("health", expected.Health, actual.Health);
        Same("units", expected.Units, actual.Units);
        Same("redUnits", expected.RedUnits, actual.RedUnits);
        Same("amberUnits", expected.AmberUnits, actual.AmberUnits);
        Same("duties.due", expected.DutiesDue, actual.Duties.Due);
        Same("duties.done", expected.DutiesDone, actual.Duties.Done);
        var got = actual.HealthReasons ?? [];
        Same("healthReasons", string.Join(",", expected.Reasons.Select(r => $"{r.Rule}:{r.Level}")),
            string.Join(",", got.Select(r => $"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(r.Reason.ToString())}:{r.Level}")));
        for (var i = 0; i < Math.Min(expected.Reasons.Count, got.Count); i++)
            Near($"healthReasons[{i}].value", expected.Reasons[i].Value, got[i].Value);
        return diffs;
    }
}
