namespace Cascade.Tests.Support;

public static class Eventually
{
    /// <summary>
    /// Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the
    /// timeout, and with what <paramref name="detail"/> says about the last try.
    /// </summary>
    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}.{(detail is null ? "" : " " + detail())}");
            await Task.Delay(20);
        }
    }
}
