using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cascade.Bench.Shared;
using Cascade.Directives;
using Cascade.Schedules;

namespace Cascade.Bench.Schedules;

/// <summary>
/// The five usual schedules (三会一课 and 主题党日, as the demo's), issued over HTTP by the root to
/// every branch (leaf) below it: 支部委员会, 党小组会 and 主题党日 monthly, 党员大会 and 党课 quarterly.
/// </summary>
public sealed class ScheduleSet(HttpClient http, Uri address, string rootId, int leaves)
{
    public static readonly (string Id, string Title, Cadence Every)[] Usual =
    [
        ("rc-zbwyh", "支部委员会", Cadence.Month),
        ("rc-dxzh", "党小组会", Cadence.Month),
        ("rc-ztdr", "主题党日", Cadence.Month),
        ("rc-dydh", "党员大会", Cadence.Quarter),
        ("rc-dk", "党课", Cadence.Quarter),
    ];

    /// <summary>Each schedule's period holding <paramref name="day"/>, in <see cref="Usual"/>'s order.</summary>
    public static string[] PeriodsOf(DateOnly day) => [.. Usual.Select(u => Period.Of(u.Every, day).Name)];

    public static string InstanceId(int schedule, string period) => ScheduleRules.InstanceId(Usual[schedule].Id, period);

    private Uri Url(int schedule) => new(address, $"/api/v1/schedules/{Usual[schedule].Id}");

    /// <summary>Posts the five; answers when every one has placed its current instance at every leaf.</summary>
    public async Task<TimeSpan> CreateAsync(DateOnly today, Action<string> log)
    {
        var watch = Stopwatch.StartNew();
        foreach (var (id, title, every) in Usual)
        {
            using var created = await http.PostAsJsonAsync(new Uri(address, "/api/v1/schedules"), new
            {
                id, issuerUnitId = rootId, title, track = "party", every = every == Cadence.Month ? "month" : "quarter",
                tags = new[] { title == "主题党日" ? "主题党日" : "三会一课" },
                targets = new { under = rootId, kinds = new[] { "branch" } },
            });
            if ((int)created.StatusCode is not (201 or 202))
                throw new InvalidOperationException($"POST of schedule {id} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            log($"  schedule {id} ({title}, every {every}) answered {(int)created.StatusCode} at {watch.Elapsed.TotalSeconds:F1} s");
        }
        var periods = PeriodsOf(today);
        while (true)
        {
            var states = await ReadAsync();
            if (states.Select((s, i) => s.IsPlaced(periods[i], leaves)).All(p => p)) return watch.Elapsed;
            if (watch.Elapsed > TimeSpan.FromMinutes(15))
                throw new TimeoutException($"The schedules were not deployed after 15 minutes: {string.Join("; ", states)}");
            await Task.Delay(500);
        }
    }

    /// <summary>Every schedule as GET answers it now.</summary>
    public Task<State[]> ReadAsync() => Task.WhenAll(Enumerable.Range(0, Usual.Length).Select(ReadAsync));

    /// <summary>One schedule as GET answers it now.</summary>
    public async Task<State> ReadAsync(int s)
    {
        var schedule = await http.GetFromJsonAsync<JsonElement>(Url(s));
        return new State(Usual[s].Id, schedule.GetProperty("period").GetString(), schedule.GetProperty("state").GetString()!,
            schedule.GetProperty("targetCount").GetInt32(), schedule.GetProperty("rollup").GetProperty("targets").GetInt32(),
            schedule.GetProperty("failedTargets").GetArrayLength());
    }

    /// <summary>
    /// Marks one current instance in <paramref name="every"/> done over HTTP (leaf i's schedule s when
    /// (5i + s) is a multiple of it): the others stay undone and turn overdue at the period's end.
    /// </summary>
    /// <returns>The instances marked done.</returns>
    public async Task<int> HoldAsync(IReadOnlyList<string> leafIds, DateOnly today, int every)
    {
        var periods = PeriodsOf(today);
        var chosen = leafIds.SelectMany((leaf, i) => Enumerable.Range(0, Usual.Length)
            .Where(s => (i * Usual.Length + s) % every == 0)
            .Select(s => $"/api/v1/units/{leaf}/tasks/{InstanceId(s, periods[s])}")).ToList();
        var body = """{"status":"done","progress":100}"""u8.ToArray();
        await Parallel.ForEachAsync(chosen, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (path, _) =>
        {
            var status = await BenchHttp.PatchAsync(http, new Uri(address, path).ToString(), body);
            if (status != 200) throw new InvalidOperationException($"PATCH {path} answered {status}");
        });
        return chosen.Count;
    }

    /// <summary>One schedule's GET: its current period, state, targets and placed instances.</summary>
    public sealed record State(string Id, string? Period, string Status, int TargetCount, int Placed, int Failed)
    {
        public bool IsPlaced(string period, int leaves) =>
            Period == period && Status == "deployed" && TargetCount == leaves && Placed == leaves && Failed == 0;

        public override string ToString() => $"{Id} {Period} {Status} {Placed:N0}/{TargetCount:N0} failed {Failed}";
    }
}
