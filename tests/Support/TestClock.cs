using Cascade.Time;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cascade.Tests.Support;

public static class TestClock
{
    /// <summary>A domain clock in Asia/Shanghai (UTC+8) on a fake time provider.</summary>
    public static DomainClock At(DateTimeOffset now, TimeSpan? staleAfter = null) =>
        new(new FakeTimeProvider(now), Options.Create(new ClockOptions { StaleAfter = staleAfter ?? TimeSpan.FromDays(30) }));
}
