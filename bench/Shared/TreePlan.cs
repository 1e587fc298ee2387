using Cascade.Tasks;
using Cascade.Units;

namespace Cascade.Bench.Shared;

/// <summary>
/// The shape of the benchmark organization: depth 5, fan-out <c>a</c> on the upper levels
/// (1 / a / a² / a³) and the rest as leaves spread evenly under level 3, like a province of
/// cities, counties, townships and their branches. Units are listed parents first, leaves
/// grouped by parent so one import batch touches few parents.
/// </summary>
public sealed class TreePlan
{
    public const string ProbeTaskId = "probe";
    public const double ProbeInitialWeight = 1;

    private TreePlan(UnitDraft[] units, int[] parents, int[] levelSizes, int firstLeaf, int tasksPerUnit, int seed, int year)
    {
        Units = units;
        Parents = parents;
        LevelSizes = levelSizes;
        FirstLeaf = firstLeaf;
        TasksPerUnit = tasksPerUnit;
        Seed = seed;
        Year = year;
    }

    public UnitDraft[] Units { get; }
    /// <summary>Index of each unit's parent in <see cref="Units"/>; -1 for the root.</summary>
    public int[] Parents { get; }
    public int[] LevelSizes { get; }
    public int FirstLeaf { get; }
    public int LeafCount => Units.Length - FirstLeaf;
    public int TasksPerUnit { get; }
    public int Seed { get; }
    public int Year { get; }
    public string RootId => Units[0].Id;
    /// <summary>The leaf holding the probe task (besides its ordinary tasks).</summary>
    public int ProbeUnit => FirstLeaf;
    public int TaskCount => Units.Length * TasksPerUnit + 1;

    public static string TaskId(int index) => $"t{index}";

    public static TreePlan Create(int units, int tasksPerUnit, int seed, int year)
    {
        var fanOut = Math.Max(2, (int)Math.Round(Math.Pow(units / 10.0, 0.25)));
        while (fanOut > 2 && 1 + fanOut + fanOut * fanOut + 2 * fanOut * fanOut * fanOut > units) fanOut--;
        int[] sizes = [1, fanOut, fanOut * fanOut, fanOut * fanOut * fanOut, 0];
        sizes[4] = units - sizes[0] - sizes[1] - sizes[2] - sizes[3];
        if (sizes[4] < sizes[3]) throw new ArgumentException($"{units} units are too few for a tree of depth 5.");
        if ((sizes[4] + sizes[3] - 1) / sizes[3] > UnitRules.MaxChildren)
            throw new ArgumentException($"{units} units would put more than {UnitRules.MaxChildren} children under one unit.");

        var drafts = new UnitDraft[units];
        var parents = new int[units];
        UnitKind[] kinds = [UnitKind.PartyGroup, UnitKind.OrganCommittee, UnitKind.GeneralBranch, UnitKind.GeneralBranch, UnitKind.Branch];
        var next = 0;
        var levelStart = 0;
        for (var level = 0; level < sizes.Length; level++)
        {
            var parentStart = level == 0 ? -1 : levelStart - sizes[level - 1];
            var parentCount = level == 0 ? 0 : sizes[level - 1];
            var (lastParent, sort) = (-2, 0);
            for (var i = 0; i < sizes[level]; i++)
            {
                // Contiguous blocks per parent: child i belongs to parent floor(i * parents / children).
                var parent = level == 0 ? -1 : parentStart + (int)((long)i * parentCount / sizes[level]);
                sort = parent == lastParent ? sort + 1 : 0;
                lastParent = parent;
                parents[next] = parent;
                drafts[next] = new UnitDraft($"l{level}-{i}", parent < 0 ? null : drafts[parent].Id, $"Unit {level}.{i}", kinds[level], sort);
                next++;
            }
            levelStart += sizes[level];
        }
        return new TreePlan(drafts, parents, sizes, units - sizes[4], tasksPerUnit, seed, year);
    }

    public bool IsLeaf(int unit) => unit >= FirstLeaf;

    /// <summary>
    /// The tasks of one unit, the same on every call: both tracks, weights 1-3, windows inside
    /// <see cref="Year"/>, a mix of not started, in progress, blocked and done.
    /// </summary>
    public List<TaskDraft> TasksOf(int unit)
    {
        var random = new Random(HashCode.Combine(Seed, unit));
        var yearStart = new DateOnly(Year, 1, 1);
        var days = DateTime.IsLeapYear(Year) ? 366 : 365;
        var drafts = new List<TaskDraft>(TasksPerUnit + 1);
        for (var k = 0; k < TasksPerUnit; k++)
        {
            var startDay = random.Next(days);
            var dueDay = startDay + random.Next(days - startDay);
            var roll = random.Next(10);
            var (status, progress) = roll switch
            {
                < 3 => (TaskItemStatus.NotStarted, 0),
                < 8 => (TaskItemStatus.InProgress, 1 + random.Next(99)),
                < 9 => (TaskItemStatus.Blocked, random.Next(100)),
                _ => (TaskItemStatus.Done, 100),
            };
            drafts.Add(new TaskDraft
            {
                Id = TaskId(k),
                Title = $"Task {k} of unit {unit}",
                Track = k % 2 == 0 ? Track.Party : Track.Business,
                Weight = 1 + random.Next(3),
                Start = yearStart.AddDays(startDay),
                Due = yearStart.AddDays(dueDay),
                Status = status,
                Progress = progress,
            });
        }
        if (unit == ProbeUnit)
            drafts.Add(new TaskDraft
            {
                Id = ProbeTaskId, Title = "Latency probe", Track = Track.Business, Weight = ProbeInitialWeight,
                Start = yearStart, Due = yearStart.AddDays(days - 1),
            });
        return drafts;
    }
}
