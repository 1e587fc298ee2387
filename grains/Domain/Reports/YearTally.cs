using Cascade.Alerts;
using Cascade.Tasks;
using Cascade.Time;

namespace Cascade.Reports;

/// <summary>
/// The counting of a year report (docs/domain.md "Year report"), for one row: tasks are added
/// one by one (those not due in the year are skipped), raised alerts likewise, and the tallies of
/// the units below are added in. Plain and mutable; <see cref="ToRow"/> makes the stored shape.
/// </summary>
public sealed class YearTally(ReportYear year, DomainClock clock)
{
    private readonly TracksTally _tasks = new();
    private readonly CountsTally _directives = new();
    private readonly Dictionary<string, DutyTally> _duties = new(StringComparer.Ordinal);
    private int _findingsRaised, _findingsClosed;
    private double _daysToClose;
    private readonly Dictionary<string, int> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TracksTally Tasks, CountsTally Directives)> _tags = new(StringComparer.Ordinal);

    private sealed class DutyTally
    {
        public string Title = "";
        public DateOnly LatestDue;
        public int Due, Done, DoneOnTime;
    }

    /// <summary>
    /// Counts <paramref name="task"/> when it is due in the year: done (its status now), done by
    /// its due date (<c>doneAt</c> before the end of its due day, local), overdue at the cut (its
    /// window ended by the cut and it was not done before the cut).
    /// </summary>
    public void Add(TaskItem task)
    {
        if (!year.Contains(task.Due)) return;
        var end = clock.Window(task).End;
        var doneSince = task.DoneSince;
        var done = doneSince is not null;
        var onTime = done && doneSince < end;
        var overdue = end <= year.Cut && !(done && doneSince < year.Cut);
        _tasks.Add(task.Track, done, onTime, overdue);
        if (task.DirectiveId is not null) _directives.Add(done, onTime, overdue);
        if (task.ScheduleId is { } schedule && end <= year.Cut)
        {
            if (!_duties.TryGetValue(schedule, out var duty)) _duties[schedule] = duty = new DutyTally();
            if (task.Due >= duty.LatestDue) (duty.LatestDue, duty.Title) = (task.Due, task.Title);
            duty.Due++;
            if (done) duty.Done++;
            if (onTime) duty.DoneOnTime++;
        }
        if (task.Tags is not { Length: > 0 } tags) return;
        foreach (var tag in tags)
        {
            if (!_tags.TryGetValue(tag, out var line)) _tags[tag] = line = (new TracksTally(), new CountsTally());
            line.Tasks.Add(task.Track, done, onTime, overdue);
            if (task.DirectiveId is not null) line.Directives.Add(done, onTime, overdue);
        }
    }

    /// <summary>Counts a raised alert when it fired within the year's local bounds.</summary>
    public void Add(RaisedAlert alert)
    {
        if (alert.FiredAt < year.Start || alert.FiredAt >= year.End) return;
        _alerts[alert.Rule] = _alerts.GetValueOrDefault(alert.Rule) + 1;
    }

    /// <summary>Counts a finding recorded at <paramref name="raisedAt"/> when that lies in the year; <paramref name="closedAt"/>: when it was closed (销号), null while it is not.</summary>
    public void AddFinding(DateTimeOffset raisedAt, DateTimeOffset? closedAt)
    {
        if (raisedAt < year.Start || raisedAt >= year.End) return;
        _findingsRaised++;
        if (closedAt is not { } closed) return;
        _findingsClosed++;
        _daysToClose += (closed - raisedAt).TotalDays;
    }

    /// <summary>Adds the tally of a unit below (its subtree's figures).</summary>
    public void Add(YearTally below)
    {
        _tasks.Add(below._tasks);
        _directives.Add(below._directives);
        _findingsRaised += below._findingsRaised;
        _findingsClosed += below._findingsClosed;
        _daysToClose += below._daysToClose;
        foreach (var (id, other) in below._duties)
        {
            if (!_duties.TryGetValue(id, out var duty)) _duties[id] = duty = new DutyTally();
            if (other.LatestDue >= duty.LatestDue) (duty.LatestDue, duty.Title) = (other.LatestDue, other.Title);
            duty.Due += other.Due;
            duty.Done += other.Done;
            duty.DoneOnTime += other.DoneOnTime;
        }
        foreach (var (rule, raised) in below._alerts) _alerts[rule] = _alerts.GetValueOrDefault(rule) + raised;
        foreach (var (tag, other) in below._tags)
        {
            if (!_tags.TryGetValue(tag, out var line)) _tags[tag] = line = (new TracksTally(), new CountsTally());
            line.Tasks.Add(other.Tasks);
            line.Directives.Add(other.Directives);
        }
    }

    public ReportRow ToRow(Units.UnitInfo unit, int level, IReadOnlyList<MonthPoint> months) => new(
        unit.Id, unit.ParentId, unit.Name, unit.Kind, level, _tasks.ToCounts(), _directives.ToCounts(),
        [.. _duties.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DutyLine(d.Key, d.Value.Title, d.Value.Due, d.Value.Done, d.Value.DoneOnTime))],
        [.. _alerts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new RuleCount(a.Key, a.Value))],
        months,
        [.. _tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TagLine(t.Key, t.Value.Tasks.ToCounts(), t.Value.Directives.ToCounts()))],
        new FindingCounts(_findingsRaised, _findingsClosed, _findingsClosed == 0 ? null : Math.Round(_daysToClose / _findingsClosed, 1)));
}
