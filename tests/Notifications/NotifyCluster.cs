using Cascade.Notifications;
using Cascade.Tasks;
using Cascade.Tests.Grains;
using Cascade.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Tests.Notifications;

/// <summary>
/// A test cluster with notifications on: one webhook channel <c>hook</c> to a real loopback
/// <see cref="WebhookReceiver"/> and the routes a test class gives; units re-evaluate every 100 ms
/// and the domain's clock is the test's.
/// </summary>
public abstract class NotifyCluster : GrainCluster
{
    public const string Secret = "s3cret-for-the-hook";

    protected NotifyCluster() => ClockInterval = TimeSpan.FromMilliseconds(100);

    public WebhookReceiver Receiver { get; } = new(Secret);

    protected abstract void Configure(NotifyOptions options);

    protected override void ConfigureStorage(IServiceCollection services) =>
        services.Configure<NotifyOptions>(o =>
        {
            o.Channels["hook"] = new ChannelOptions { Type = "webhook", Url = Receiver.Url, Secret = Secret };
            Configure(o);
        });

    public INotifyRouteGrain Route(string name) => Grains.GetGrain<INotifyRouteGrain>(name);

    /// <summary>The local (Asia/Shanghai) instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>A task of <paramref name="unit"/> due on <paramref name="due"/>, nearly done (so only its due date can raise an alert).</summary>
    public async Task Overdue(string unit, string id, string due = "2026-06-10")
    {
        var created = await Unit(unit).CreateTask(TreeFixture.Draft(id, start: "2026-06-01", due: due) with { Progress = 99 }, "tester");
        Assert.True(created.Succeeded, created.Detail);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Receiver.Dispose();
    }
}
