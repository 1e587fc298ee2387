using Cascade.Bench.Shared;
using Cascade.Tasks;

namespace Cascade.Bench.Alerts;

/// <summary>
/// The tasks of the <c>alerts</c> run over the roll-up bench's tree shape: most units are on
/// schedule (every task a little ahead of its expected progress, both tracks alike, so no rule
/// holds), and about <c>lagging</c> % of them lag in one way each, so exactly one alert is open
/// for each of them: an overdue task, a blocked task, or (leaves only, since a unit rule judges
/// the whole subtree) all tasks well behind, mildly behind, or party and business drifting apart.
/// </summary>
public sealed class AlertPlan
{
    public enum Kind { OnSchedule, Overdue, Blocked, BehindRed, BehindAmber, Imbalance }

    /// <summary>Progress above expected of an on-schedule task, in percentage points.</summary>
    public const int Ahead = 5;

    private readonly Kind[] _kinds;

    public AlertPlan(TreePlan tree, int laggingPercent, DateOnly today)
    {
        Tree = tree;
        Today = today;
        _kinds = new Kind[tree.Units.Length];
        var random = new Random(tree.Seed);
        for (var unit = 0; unit < _kinds.Length; unit++)
        {
            if (random.Next(100) >= laggingPercent) continue;
            _kinds[unit] = tree.IsLeaf(unit)
                ? (Kind)(1 + random.Next(5))
                : (Kind)(1 + random.Next(2)); // a unit above the leaves lags by its own tasks only
        }
    }

    public TreePlan Tree { get; }
    public DateOnly Today { get; }
    public Kind KindOf(int unit) => _kinds[unit];
    public int LaggingUnits => _kinds.Count(k => k != Kind.OnSchedule);
    public int TaskCount => Tree.Units.Length * Tree.TasksPerUnit;

    /// <summary>The alerts the plan should open, by rule and severity ("taskOverdue red").</summary>
    public Dictionary<string, int> ExpectedAlerts() => _kinds.Where(k => k != Kind.OnSchedule)
        .GroupBy(k => k switch
        {
            Kind.Overdue => "taskOverdue red",
            Kind.Blocked => "taskBlocked amber",
            Kind.BehindRed => "unitBehind red",
            Kind.BehindAmber => "unitBehind amber",
            _ => "unitImbalance amber",
        })
        .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// One unit's tasks, the same on every call. A unit has one "expected" share of its windows
    /// (0.1-0.9; 0.5-0.9 when it is behind, so it can be 0.3 behind; 0.3-0.8 when its tracks drift
    /// apart, so neither leaves 0-100 %); each task's window is
    /// placed around today so that its expected progress is about that share.
    /// </summary>
    public List<TaskDraft> TasksOf(int unit)
    {
        var random = new Random(HashCode.Combine(Tree.Seed, unit, 7));
        var kind = _kinds[unit];
        var share = kind switch
        {
            Kind.BehindRed or Kind.BehindAmber => 0.5 + 0.4 * random.NextDouble(),
            Kind.Imbalance => 0.3 + 0.5 * random.NextDouble(), // room for party 0.15 ahead below 100 %
            _ => 0.1 + 0.8 * random.NextDouble(),
        };
        var drafts = new List<TaskDraft>(Tree.TasksPerUnit);
        for (var k = 0; k < Tree.TasksPerUnit; k++)
        {
            var length = 60 + random.Next(240);
            var before = (int)Math.Round(length * share);
            var start = Today.AddDays(-before);
            var due = Today.AddDays(length - before - 1);
            var expected = (before + 0.5) / length; // about midday; the run lasts minutes
            var track = k % 2 == 0 ? Track.Party : Track.Business;
            var offset = kind switch
            {
                Kind.BehindRed => -0.30,
                Kind.BehindAmber => -0.15,
                Kind.Imbalance => track == Track.Party ? 0.15 : -0.13,
                _ => Ahead / 100.0,
            };
            var status = TaskItemStatus.InProgress;
            if (k == 0 && kind == Kind.Overdue)
            {
                // Its window ended 1-20 days ago, and it is not done.
                due = Today.AddDays(-1 - random.Next(20));
                start = due.AddDays(-length);
                offset = 0;
                expected = 0.6;
            }
            if (k == 0 && kind == Kind.Blocked) status = TaskItemStatus.Blocked;
            drafts.Add(new TaskDraft
            {
                Id = TreePlan.TaskId(k),
                Title = $"Task {k} of unit {unit}",
                Track = track,
                Weight = 1 + random.Next(3),
                Start = start,
                Due = due,
                Status = status,
                Progress = Math.Clamp((int)Math.Round((expected + offset) * 100), 1, 99),
            });
        }
        return drafts;
    }
}
