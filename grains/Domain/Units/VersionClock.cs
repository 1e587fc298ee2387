namespace Cascade.Units;

/// <summary>
/// The clock summary versions follow: microseconds since 1970 on this node's clock. A type of
/// its own so a test can give each node of a cluster a clock of its own (nodes' clocks differ)
/// without moving the domain's clock or Orleans' timers.
/// </summary>
public sealed class VersionClock(TimeProvider time)
{
    public long Now => time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
}
