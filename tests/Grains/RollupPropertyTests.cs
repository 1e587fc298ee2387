using Cascade.Outcomes;
using Cascade.Tasks;
using Cascade.Tests.Support;
using Cascade.Units;
using CsCheck;

namespace Cascade.Tests.Grains;

/// <summary>
/// Random sequences of structure and task changes; afterwards every unit's summary must equal
/// a plain full recomputation from the tasks, also after the clock moves with no request (across
/// a 1 January too, when last year's done tasks leave the roll-up), and the open alerts must be
/// what the rules say about that state. Every storage provider must pass.
/// </summary>
public abstract partial class RollupProperties(GrainCluster cluster, int iterations)
{
    private static int _run;

    [Fact]
    public async Task Random_changes_always_roll_up_to_a_full_recomputation()
    {
        await cluster.Organization.CreateUnit(new UnitDraft("root", null, "root", UnitKind.PartyGroup), "tester");
        var operations = Gen.Select(Gen.Int[0, 15], Gen.Int[0, 10_000], Gen.Int[0, 10_000], Gen.Int[0, 10_000]).Array[5, 50];
        await operations.SampleAsync(Run, iter: iterations, threads: 1,
            print: ops => string.Join(" ", ops.Select(o => $"({o.Item1},{o.Item2},{o.Item3},{o.Item4})")));
    }

    private async Task Run((int Kind, int A, int B, int C)[] operations)
    {
        var model = new Model($"p{Interlocked.Increment(ref _run)}");
        Check(Outcome.Created, await cluster.Organization.CreateUnit(new UnitDraft(model.Top, "root", model.Top, UnitKind.Branch), "tester"), "create top");
        model.Parents[model.Top] = null;
        foreach (var (kind, a, b, c) in operations) await Apply(model, kind, a, b, c);

        // Move the clock (not at all, a day, past the stale limit, or across a 1 January: checked
        // on its eve, then just after local midnight, when last year's done tasks are archived): no request follows.
        // No schedule turns here, so a unit holding last month's instance leaves a clock pass in the
        // first TurnWait.Limit of the 1st to its successors' write, which never comes: the clock lands
        // at the limit, and whole days later keep that time of day.
        var move = operations.Length % 4;
        if (move == 3)
        {
            var newYear = new DateTimeOffset(Today.Year + 1, 1, 1, 0, 0, 0, China);
            if (newYear.AddMinutes(-1) > cluster.Clock.GetUtcNow()) cluster.Clock.SetUtcNow(newYear.AddMinutes(-1).ToUniversalTime());
            await AssertConverged(model);
            cluster.Clock.SetUtcNow((newYear + Cascade.Directives.TurnWait.Limit).ToUniversalTime());
        }
        else cluster.Clock.Advance(TimeSpan.FromDays(new[] { 0, 1, 41 }[move]));
        await AssertConverged(model);
    }

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The test clock's local date (Asia/Shanghai): the clock only moves on, so task dates follow it.</summary>
    private DateOnly Today => DateOnly.FromDateTime(cluster.Clock.GetUtcNow().ToOffset(China).DateTime);

    private async Task Apply(Model model, int kind, int a, int b, int c)
    {
        var units = model.Parents.Keys.Order(StringComparer.Ordinal).ToList();
        var movable = units.Where(u => u != model.Top).ToList();
        switch (kind)
        {
            case 0 or 1:
            {
                var id = model.NewId("u");
                var parent = units[a % units.Count];
                Check(Outcome.Created, await cluster.Organization.CreateUnit(new UnitDraft(id, parent, id, UnitKind.Branch), "tester"), $"create {id}");
                model.Parents[id] = parent;
                break;
            }
            case 2 when movable.Count > 0:
            {
                var id = movable[a % movable.Count];
                var parent = units[b % units.Count];
                var cycle = model.Within(parent, id);
                var result = await cluster.Organization.UpdateUnit(id, new UnitPatch(ParentGiven: true, ParentId: parent), "tester");
                Check(cycle ? Outcome.Conflict : Outcome.Ok, result, $"move {id} under {parent}");
                if (!cycle) model.Parents[id] = parent;
                break;
            }
            case 3 when movable.Count > 0:
            {
                var id = movable[a % movable.Count];
                var busy = model.Parents.ContainsValue(id) || model.Tasks.GetValueOrDefault(id)?.Count > 0;
                Check(busy ? Outcome.Conflict : Outcome.Ok, await cluster.Organization.DeleteUnit(id, "tester"), $"delete {id}");
                if (!busy) model.Parents.Remove(id);
                break;
            }
            case 4 or 5:
            {
                var unit = units[a % units.Count];
                // Around today (as 2026-03-01 + 0..199 days was around the clock's start), or, one in
                // seven, in one of the two years before, done two times in three: archived ones.
                var old = b % 7 == 3;
                var start = old ? new DateOnly(Today.Year - 1 - c % 2, 1, 1).AddDays(b % 300) : Today.AddDays(-106 + b % 200);
                var draft = new TaskDraft
                {
                    Id = model.NewId("t"), Title = "t", Track = b % 2 == 0 ? Track.Party : Track.Business,
                    Weight = c % 3 == 0 ? 0.1 * (c % 17 + 1) : c % 5 + 1, Start = start, Due = start.AddDays(c % 60),
                    Expectation = c % 4 == 1 ? Expectation.AtDue : Expectation.Linear,
                    Status = old && c % 3 != 0 ? TaskItemStatus.Done : TaskItemStatus.NotStarted,
                };
                var result = await cluster.Unit(unit).CreateTask(draft, null);
                Check(Outcome.Created, result, $"create task in {unit}");
                model.TasksOf(unit).Add(result.Value!);
                break;
            }
            case 6 or 7 or 8 when model.Tasks.Any(t => t.Value.Count > 0):
            {
                var (unit, list) = model.Tasks.Where(t => t.Value.Count > 0).OrderBy(t => t.Key, StringComparer.Ordinal).ElementAt(a % model.Tasks.Count(t => t.Value.Count > 0));
                var index = b % list.Count;
                var statuses = Enum.GetValues<TaskItemStatus>();
                var patch = (c % 5) switch
                {
                    0 => new TaskPatch { Progress = c % 101 },
                    1 => new TaskPatch { Status = statuses[c % statuses.Length] },
                    2 => new TaskPatch { Status = statuses[c % statuses.Length], Progress = c % 101 },
                    3 => c % 2 == 0 ? new TaskPatch { Weight = c % 7 + 0.5 } : new TaskPatch { Expectation = c % 4 == 1 ? Expectation.AtDue : Expectation.Linear },
                    _ => new TaskPatch { Due = list[index].Start.AddDays(c % 90), Progress = 100 },
                };
                var applied = TaskRules.Apply(list[index], patch);
                var expected = applied.Succeeded && list[index].IsCopy && !applied.Value!.SameContent(list[index])
                    && TaskRules.FirstOwnedChange(list[index], applied.Value!) is not null ? Outcome.Conflict : applied.Outcome;
                var result = await cluster.Unit(unit).PatchTask(list[index].Id, patch, null, null);
                Check(expected, result, $"patch {unit}/{list[index].Id}");
                if (result.Succeeded) list[index] = result.Value!;
                break;
            }
            case 9 when model.Tasks.Any(t => t.Value.Count > 0):
            {
                var (unit, list) = model.Tasks.Where(t => t.Value.Count > 0).OrderBy(t => t.Key, StringComparer.Ordinal).ElementAt(a % model.Tasks.Count(t => t.Value.Count > 0));
                var task = list[b % list.Count];
                Check(task.IsCopy ? Outcome.Conflict : Outcome.Ok, await cluster.Unit(unit).DeleteTask(task.Id, null, null), $"delete task {task.Id}");
                if (!task.IsCopy) list.Remove(task);
                break;
            }
            case >= 10:
                await ApplyDirective(model, kind, a, b, c);
                break;
        }
    }

    private async Task AssertConverged(Model model)
    {
        var now = cluster.Clock.GetUtcNow();
        var expected = ReferenceRollup.Compute(model.Parents, model.Tasks, now, TimeSpan.FromDays(30));
        List<string> differences = [];
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            differences = [];
            foreach (var (id, want) in expected)
            {
                var summary = await cluster.Unit(id).GetSummary();
                if (summary is null) differences.Add($"{id}: no summary");
                else if (summary.ComputedAt != now) differences.Add($"{id}: computed at {summary.ComputedAt:O}, clock at {now:O}");
                else differences.AddRange(ReferenceRollup.Differences(want, summary));
            }
            if (differences.Count == 0) differences.AddRange(await AlertDifferences(model, now));
            if (differences.Count == 0) break;
            await Task.Delay(25);
        }
        while (DateTime.UtcNow < deadline);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
        await AssertDirectivesConverged(model);

        foreach (var id in model.Parents.Keys)
        {
            var stored = await cluster.Unit(id).GetTasks();
            Assert.Equal(model.TasksOf(id).OrderBy(t => t.Id), stored!.OrderBy(t => t.Id));
        }
    }

    private static readonly Cascade.Alerts.AlertRules Rules = new(new Cascade.Alerts.AlertOptions());

    /// <summary>
    /// The open alerts are what the rules say about the current state: task rules exactly; a unit
    /// rule must be open at or above its fire line, closed below its clear line, and either in
    /// between (hysteresis); every summary counts the open alerts of its subtree; and every unit
    /// lists, besides its own, exactly the open alerts that climbed to it.
    /// </summary>
    private async Task<List<string>> AlertDifferences(Model model, DateTimeOffset now)
    {
        var clock = TestClock.At(now);
        var differences = new List<string>();
        var open = new Dictionary<string, IReadOnlyList<Cascade.Alerts.Alert>>();
        foreach (var id in model.Parents.Keys) open[id] = await cluster.Unit(id).GetAlerts(false);
        foreach (var (id, alerts) in open)
        {
            var want = model.TasksOf(id).SelectMany(t => Rules.TaskRules.Select(r => (Rule: r.Name, Task: t.Id, Severity: r.Evaluate(t, Cascade.Rollup.RollupMath.Of(t, now, clock)))))
                .Where(x => x.Severity is not null).Select(x => $"{x.Rule}/{x.Task}/{x.Severity}").Order().ToList();
            var got = alerts.Where(a => a.TaskId is not null).Select(a => $"{a.Rule}/{a.TaskId}/{a.Severity}").Order().ToList();
            if (!want.SequenceEqual(got)) differences.Add($"{id} task alerts: want [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");

            var summary = (await cluster.Unit(id).GetSummary())!;
            var behind = alerts.FirstOrDefault(a => a.Rule == "unitBehind")?.Severity;
            var lag = summary.Lag;
            Cascade.Alerts.AlertSeverity?[] allowedBehind =
                lag is null || !Cascade.Rollup.RollupMath.AtLeast(lag.Value, 0.08) ? [null]
                : Cascade.Rollup.RollupMath.AtLeast(lag.Value, 0.20) ? [Cascade.Alerts.AlertSeverity.Red]
                : Cascade.Rollup.RollupMath.AtLeast(lag.Value, 0.10) ? [Cascade.Alerts.AlertSeverity.Amber]
                : [null, Cascade.Alerts.AlertSeverity.Amber];
            if (!allowedBehind.Contains(behind)) differences.Add($"{id} unitBehind: lag {lag}, got {behind?.ToString() ?? "none"}");
            var imbalanced = alerts.Any(a => a.Rule == "unitImbalance");
            var imbalance = summary.Imbalance;
            if (imbalance is null || !Cascade.Rollup.RollupMath.AtLeast(imbalance.Value, 0.20) ? imbalanced
                : Cascade.Rollup.RollupMath.AtLeast(imbalance.Value, 0.25) && !imbalanced)
                differences.Add($"{id} unitImbalance: imbalance {imbalance}, open {imbalanced}");

            var subtree = model.Parents.Keys.Where(u => model.Within(u, id)).Sum(u => open[u].Count);
            if (summary.OpenAlerts != subtree) differences.Add($"{id} openAlerts: {summary.OpenAlerts}, the subtree has {subtree}");

            // The alerts that sit here: its own, and every open alert that climbed to it, as its unit holds it now.
            var wantHere = alerts.Concat(open.Values.SelectMany(a => a).Where(a => a.EscalatedToUnitId == id)).Select(a => a.ToString()).Order().ToList();
            var gotHere = (await cluster.Unit(id).GetAlertsHere(false)).Select(a => a.ToString()).Order().ToList();
            if (!wantHere.SequenceEqual(gotHere)) differences.Add($"{id} alerts here: want [{string.Join(", ", wantHere)}], got [{string.Join(", ", gotHere)}]");
        }
        return differences;
    }

    private static void Check<T>(Outcome expected, Result<T> result, string what) =>
        Assert.True(expected == result.Outcome, $"{what}: expected {expected}, got {result.Outcome} ({result.Detail})");

    private sealed class Model(string top)
    {
        private int _next;
        public string Top { get; } = top;
        public Dictionary<string, string?> Parents { get; } = [];
        public Dictionary<string, List<TaskItem>> Tasks { get; } = [];
        public string NewId(string prefix) => $"{Top}-{prefix}{_next++}";
        /// <summary>Each directive's issuer and targets.</summary>
        public Dictionary<string, (string Issuer, List<string> Targets)> Directives { get; } = [];
        public List<TaskItem> TasksOf(string unit) => Tasks.TryGetValue(unit, out var list) ? list : Tasks[unit] = [];
        public bool Within(string candidate, string ancestor)
        {
            for (string? at = candidate; at is not null; at = Parents[at])
                if (at == ancestor) return true;
            return false;
        }
    }
}

public sealed class RollupPropertyTests(RollupPropertyTests.Cluster cluster) : RollupProperties(cluster, iterations: 25), IClassFixture<RollupPropertyTests.Cluster>
{
    public sealed class Cluster : GrainCluster
    {
        public Cluster() => ClockInterval = TimeSpan.FromMilliseconds(50);
    }
}

/// <summary>The same over Azure Table Storage (Azurite), where every write is an HTTP round trip.</summary>
public sealed class AzureTableRollupPropertyTests(AzureTableRollupPropertyTests.Cluster cluster) : RollupProperties(cluster, iterations: 25), IClassFixture<AzureTableRollupPropertyTests.Cluster>
{
    public sealed class Cluster : AzureTableGrainCluster
    {
        public Cluster() => ClockInterval = TimeSpan.FromMilliseconds(50);
    }
}

/// <summary>The same over PostgreSQL, through Orleans' ADO.NET grain storage.</summary>
public sealed class PostgresRollupPropertyTests(PostgresRollupPropertyTests.Cluster cluster) : RollupProperties(cluster, iterations: 25), IClassFixture<PostgresRollupPropertyTests.Cluster>
{
    public sealed class Cluster : PostgresGrainCluster
    {
        public Cluster() => ClockInterval = TimeSpan.FromMilliseconds(50);
    }
}
