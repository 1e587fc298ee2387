using Cascade.Identity;

namespace Cascade.Tests.Unit;

/// <summary>The sign-in limits of one account as plain logic: per pair, per account, usual addresses spared, what is stored.</summary>
public sealed class SignInThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private static readonly SignInOptions Limits = new();

    [Fact]
    public void The_fifth_failure_of_a_pair_locks_that_pair_for_the_lockout_and_is_stored()
    {
        var throttle = new SignInThrottle(Limits, new SignInThrottleState());
        for (var i = 0; i < 4; i++) Assert.True(throttle.Failed("a", T0).Check.Allowed);
        var (check, changed) = throttle.Failed("a", T0);
        Assert.False(check.Allowed);
        Assert.True(changed);
        Assert.Equal(T0 + Limits.LockoutFor, throttle.State.LockedPairs["a"]);
        Assert.True(throttle.Check("b", T0).Allowed);
        Assert.True(throttle.Check("a", T0 + Limits.LockoutFor).Allowed);
    }

    [Fact]
    public void Twenty_failures_within_the_window_lock_all_but_the_usual_addresses_until_the_window_of_the_first_ends()
    {
        var throttle = new SignInThrottle(Limits, new SignInThrottleState());
        throttle.Succeeded("office", T0 - TimeSpan.FromDays(29));
        throttle.Succeeded("old", T0 - TimeSpan.FromDays(31));
        for (var i = 0; i < 19; i++) Assert.True(throttle.Failed($"x{i % 5}.{i}", T0 + TimeSpan.FromMinutes(i)).Check.Allowed);
        var at = T0 + TimeSpan.FromMinutes(19);
        Assert.False(throttle.Failed("x.last", at).Check.Allowed);
        Assert.Equal(T0 + Limits.AccountWindow, throttle.State.AccountLockedUntil);
        Assert.False(throttle.Check("new", at).Allowed);
        Assert.False(throttle.Check("old", at).Allowed);
        Assert.True(throttle.Check("office", at).Allowed);
        Assert.True(throttle.Check("new", T0 + Limits.AccountWindow).Allowed);
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        var throttle = new SignInThrottle(Limits, new SignInThrottleState());
        for (var i = 0; i < 40; i++)
            Assert.True(throttle.Failed($"addr{i}", T0 + TimeSpan.FromMinutes(4 * i)).Check.Allowed);
    }

    [Fact]
    public void A_success_is_stored_once_a_day_and_usual_addresses_are_bounded()
    {
        var throttle = new SignInThrottle(Limits, new SignInThrottleState());
        Assert.True(throttle.Succeeded("a", T0));
        Assert.False(throttle.Succeeded("a", T0 + TimeSpan.FromHours(2)));
        Assert.True(throttle.Succeeded("a", T0 + TimeSpan.FromDays(2)));
        for (var i = 0; i < 80; i++) throttle.Succeeded($"n{i}", T0 + TimeSpan.FromDays(2) + TimeSpan.FromMinutes(i));
        Assert.Equal(SignInThrottle.MaxUsualAddresses, throttle.State.UsualAddresses.Count);
    }
}
