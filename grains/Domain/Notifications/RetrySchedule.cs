namespace Cascade.Notifications;

/// <summary>
/// When a message not delivered is tried again: 10 s, 30 s, 1 min and 5 min after the attempts
/// before, then every 30 min, for up to 24 h after its first attempt; then it has failed for good.
/// Every attempt carries the message's one delivery id.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);
    private static readonly TimeSpan[] Steps = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];
    private static readonly TimeSpan Then = TimeSpan.FromMinutes(30);

    /// <summary>The wait after the <paramref name="attempts"/>-th attempt failed (1 for the first).</summary>
    public static TimeSpan After(int attempts) => attempts >= 1 && attempts <= Steps.Length ? Steps[attempts - 1] : Then;

    /// <summary>The next attempt, or null when it would fall past 24 h after the first.</summary>
    public static DateTimeOffset? Next(int attempts, DateTimeOffset first, DateTimeOffset last)
    {
        var next = last + After(attempts);
        return next - first > GiveUpAfter ? null : next;
    }
}
