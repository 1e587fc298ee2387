using Cascade.Alerts;
using Cascade.Identity;
using Cascade.Silences;

namespace Cascade.Tests.Unit;

/// <summary>docs/domain.md "Silences": what a silence covers, who may place and end one, and how a paused climb counts.</summary>
public sealed class SilenceRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static Silence Placed(string unit, bool subtree, string? rule = null, DateTimeOffset? until = null, bool stopClimb = false) =>
        new("s-1", unit, subtree, rule, until ?? T0 + 3 * Day, "换届", stopClimb, T0, "editor", "编辑");

    private static Alert Of(string unit, string rule = "taskOverdue") =>
        new($"{unit}.1", rule, AlertSeverity.Red, unit, "t", AlertState.Firing, null, T0 - Day, T0 - Day);

    [Fact]
    public void A_silence_covers_its_unit_its_subtree_when_asked_its_rule_and_only_within_its_window()
    {
        var own = Placed("jgdw", subtree: false);
        Assert.True(own.Covers(Of("jgdw"), ["jgdw", "kjt"], T0));
        Assert.False(own.Covers(Of("zb1"), ["zb1", "jgdw", "kjt"], T0)); // a unit below, without subtree
        var subtree = Placed("jgdw", subtree: true, rule: "taskOverdue");
        Assert.True(subtree.Covers(Of("zb1"), ["zb1", "jgdw", "kjt"], T0 + Day));
        Assert.False(subtree.Covers(Of("zb1", "taskStale"), ["zb1", "jgdw", "kjt"], T0 + Day)); // another rule
        Assert.False(subtree.Covers(Of("kjt"), ["kjt"], T0 + Day)); // the unit above
        Assert.False(subtree.Covers(Of("zb1"), ["zb1", "jgdw"], T0 - TimeSpan.FromMilliseconds(1))); // before it was placed
        Assert.False(subtree.Covers(Of("zb1"), ["zb1", "jgdw"], T0 + 3 * Day)); // at its until
        var ended = subtree with { EndedAt = T0 + Day };
        Assert.True(ended.Covers(Of("zb1"), ["zb1", "jgdw"], T0 + Day - TimeSpan.FromMilliseconds(1)));
        Assert.False(ended.Covers(Of("zb1"), ["zb1", "jgdw"], T0 + Day));
        Assert.Equal(T0 + Day, ended.End);
    }

    private static SilenceRequest Asked(DateTimeOffset until, bool stopClimb = false) => new(null, "zb1", true, null, until, "换届", stopClimb);

    [Theory]
    [InlineData(Role.Admin, null, false, false, 80, true, true)]
    [InlineData(Role.Leader, null, false, false, 80, true, true)]
    [InlineData(Role.Editor, "zb1", true, false, 7, false, true)]
    [InlineData(Role.Editor, "zb1", true, false, 8, false, false)]     // longer than 7 days
    [InlineData(Role.Editor, "zb1", true, false, 1, true, false)]      // its own unit may not stop its own climb
    [InlineData(Role.Editor, "jgdw", true, true, 1, true, true)]       // an editor of a unit above may
    [InlineData(Role.Editor, "zb2", false, false, 1, false, false)]    // outside its subtree
    [InlineData(Role.Viewer, null, false, false, 1, false, false)]
    public void Who_may_silence_what(Role role, string? home, bool contains, bool above, int days, bool stopClimb, bool allowed)
    {
        var asker = new SilenceAsker(role, home, "someone", null);
        var refusal = SilenceRules.Refusal(asker, Asked(T0 + days * Day, stopClimb), T0, contains, above);
        Assert.True(allowed == (refusal is null), refusal);
    }

    [Fact]
    public void The_fields_are_checked()
    {
        Assert.NotNull(SilenceRules.CheckUntil(T0, T0));
        Assert.NotNull(SilenceRules.CheckUntil(T0 + 91 * Day, T0));
        Assert.Null(SilenceRules.CheckUntil(T0 + 90 * Day, T0));
        Assert.NotNull(SilenceRules.CheckReason(""));
        Assert.NotNull(SilenceRules.CheckReason(new string('理', 501)));
        Assert.Null(SilenceRules.CheckReason("换届选举期间"));
        Assert.NotNull(SilenceRules.CheckRule("noSuchRule"));
        Assert.Null(SilenceRules.CheckRule("unitBehind"));
        Assert.Null(SilenceRules.CheckRule(null));
    }

    [Fact]
    public void Ending_needs_whoever_could_have_placed_it()
    {
        var plain = Placed("zb1", true);
        var stopping = Placed("zb1", true, stopClimb: true);
        var ownEditor = new SilenceAsker(Role.Editor, "zb1", "e", null);
        Assert.True(SilenceRules.MayEnd(ownEditor, plain, true, false));
        Assert.False(SilenceRules.MayEnd(ownEditor, stopping, true, false));
        Assert.True(SilenceRules.MayEnd(new SilenceAsker(Role.Editor, "jgdw", "e", null), stopping, true, true));
        Assert.True(SilenceRules.MayEnd(new SilenceAsker(Role.Leader, null, "l", null), stopping, false, false));
        Assert.False(SilenceRules.MayEnd(new SilenceAsker(Role.Viewer, null, "v", null), plain, false, false));
    }

    [Fact]
    public void A_paused_climb_holds_while_the_pause_lasts_and_counts_afresh_from_its_end()
    {
        var fired = T0;
        // Escalation every 2 days; a pause from day 3 to day 6.
        var pauses = ClimbClock.Merge([new PauseWindow(T0 + 3 * Day, T0 + 6 * Day)]);
        var every = 2 * Day;
        Assert.Equal(1, ClimbClock.Level(fired, pauses, T0 + 2 * Day, every));
        Assert.Equal(1, ClimbClock.Level(fired, pauses, T0 + 5 * Day, every)); // day 4 would have climbed: paused
        Assert.Equal(1, ClimbClock.Level(fired, pauses, T0 + 7 * Day, every)); // afresh: not before day 8
        Assert.Equal(2, ClimbClock.Level(fired, pauses, T0 + 8 * Day, every));
        Assert.Equal(3, ClimbClock.Level(fired, pauses, T0 + 10 * Day, every));
        Assert.Equal(T0 + 8 * Day, ClimbClock.Reaches(fired, pauses, 2, every));
        Assert.Equal(T0 + 2 * Day, ClimbClock.Reaches(fired, pauses, 1, every));
        // No pause: the plain count.
        Assert.Equal(3, ClimbClock.Level(fired, [], T0 + 7 * Day, every));
        // Fired during a pause: counts from its end.
        Assert.Equal(0, ClimbClock.Level(T0 + 4 * Day, pauses, T0 + 7 * Day, every));
        Assert.Equal(T0 + 8 * Day, ClimbClock.Reaches(T0 + 4 * Day, pauses, 1, every));
        // Overlapping pauses merge into one.
        var merged = ClimbClock.Merge([new PauseWindow(T0 + 5 * Day, T0 + 9 * Day), new PauseWindow(T0 + 3 * Day, T0 + 6 * Day)]);
        Assert.Equal(new PauseWindow(T0 + 3 * Day, T0 + 9 * Day), Assert.Single(merged));
    }

    [Fact]
    public void Escalation_with_pauses_moves_only_as_far_as_the_paused_count()
    {
        var book = new AlertBook();
        var alert = Of("zb1") with { FiredAt = T0 };
        book.Open.Add(alert);
        IReadOnlyList<PauseWindow> Pauses(Alert _) => [new PauseWindow(T0 + Day, T0 + 4 * Day)];
        Assert.Empty(AlertLifecycle.Escalate(book, T0 + 3 * Day, 2 * Day, ["jgdw", "kjt"], pauses: Pauses));
        Assert.Equal(T0 + 6 * Day, PausedClimbs.Next(book, 2 * Day, 2, Pauses));
        var climbed = Assert.Single(AlertLifecycle.Escalate(book, T0 + 6 * Day, 2 * Day, ["jgdw", "kjt"], pauses: Pauses));
        Assert.Equal((1, "jgdw"), (climbed.EscalationLevel, climbed.EscalatedToUnitId));
        // Without the pause it would have reached the root by then.
        var plain = new AlertBook();
        plain.Open.Add(alert);
        Assert.Equal(2, Assert.Single(AlertLifecycle.Escalate(plain, T0 + 6 * Day, 2 * Day, ["jgdw", "kjt"])).EscalationLevel);
    }
}
