using Cascade.Rollup;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Unit;

/// <summary>docs/domain.md "Roll-up": the leading-edge throttle, on a fake clock.</summary>
public sealed class LeadingEdgeTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);
    private readonly FakeTimeProvider _time = new();
    private readonly LeadingEdge _edge;

    public LeadingEdgeTests() => _edge = new LeadingEdge(Window, _time);

    [Fact]
    public void The_first_change_after_a_quiet_window_goes_at_once()
    {
        Assert.Equal(TimeSpan.Zero, _edge.Wait());
        _edge.Sent();
        _time.Advance(Window);
        Assert.Equal(TimeSpan.Zero, _edge.Wait());
        Assert.False(_edge.Holding);
    }

    [Fact]
    public void Changes_inside_the_window_fold_into_one_send_at_its_end()
    {
        _edge.Wait();
        _edge.Sent();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        var wait = _edge.Wait();
        Assert.InRange(wait, TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(40.01));
        Assert.True(_edge.Hold()); // the first held change arms the timer ...
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.True(_edge.Wait() > TimeSpan.Zero);
        Assert.False(_edge.Hold()); // ... later ones fold into the same send
        Assert.True(_edge.Holding);
    }

    [Fact]
    public void At_the_window_end_the_held_send_goes_and_starts_the_next_window()
    {
        _edge.Wait();
        _edge.Sent();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        _edge.Hold();
        _time.Advance(TimeSpan.FromMilliseconds(40) - TimeSpan.FromTicks(1));
        Assert.True(_edge.Wait() > TimeSpan.Zero, "not a tick early");
        _time.Advance(TimeSpan.FromTicks(1));
        _edge.Released();
        Assert.Equal(TimeSpan.Zero, _edge.Wait());
        _edge.Sent();
        Assert.False(_edge.Holding);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_edge.Wait() > TimeSpan.Zero, "a change right after the window's send waits for the next window");
        Assert.True(_edge.Hold());
    }

    [Fact]
    public void Open_lets_the_next_change_go_at_once()
    {
        _edge.Wait();
        _edge.Sent();
        Assert.True(_edge.Wait() > TimeSpan.Zero);
        _edge.Open();
        Assert.Equal(TimeSpan.Zero, _edge.Wait());
    }
}
