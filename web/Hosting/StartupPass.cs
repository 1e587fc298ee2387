using Cascade.Imports;
using Cascade.Units;
using Cascade.Web.Demo;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Hosting;

/// <summary>
/// Runs once the co-hosted silo is up: wakes every unit (their clocks run again after a
/// restart), seeds the demo organization into an empty store, creates the first admin, and
/// prints where to look.
/// </summary>
public sealed partial class StartupPass(
    IGrainFactory grains, DemoSeeder seeder, IOptions<DemoOptions> demo, AdminAccount admin, Kiosks kiosks,
    IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<StartupPass> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var organization = grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var units = await organization.Wake();
        // Directives whose copies were still being placed, changed or withdrawn carry on.
        await grains.GetGrain<Cascade.Directives.IDirectiveIndexGrain>(Cascade.Directives.IDirectiveIndexGrain.Key).Wake();
        await grains.GetGrain<IImportJobsGrain>(IImportJobsGrain.Key).Wake(); // unfinished import jobs go on
        // Inspections whose capture a restart cut short carry on from their last stored batch.
        foreach (var inspection in await grains.GetGrain<Cascade.Inspections.IInspectionReaderGrain>(0).Headers())
            if (inspection.CapturedAt is null) await grains.GetGrain<Cascade.Inspections.IInspectionGrain>(inspection.Id).Wake();
        var seeded = units == 0 && demo.Value.Seed;
        if (seeded) units = await seeder.SeedAsync();
        var root = await organization.GetRootId();
        await admin.EnsureAsync();
        // The demo's wall link: its kiosk is made with the demo and kept until an admin revokes it.
        var kiosk = root is null ? null : await kiosks.DemoToken(root, create: seeded);
        lifetime.ApplicationStarted.Register(() => Announce(units, root, kiosk));
    }

    private void Announce(int units, string? root, string? kiosk)
    {
        // Cascade:PublicUrl when set (where people reach it), else where this process listens.
        var address = PublicAddress.Configured(configuration)
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        address = address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost");
        if (root is null) LogEmpty(units, $"{address}/api/v1/units");
        else if (kiosk is null) LogReadyWithoutKiosk(units, $"{address}/wall?unit={root}&depth=2", $"{address}/api/v1/units/{root}/tree?depth=2");
        else LogReady(units, KiosksApi.WallUrl(address, root, 2, kiosk), $"{address}/api/v1/units/{root}/tree?depth=2");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cascade is ready with {Units} units. The wall: {Wall}  The API: {Api}")]
    private partial void LogReady(int units, string wall, string api);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cascade is ready with {Units} units. The wall: {Wall} (sign in there, or give a screen a kiosk link: POST /api/v1/kiosks)  The API: {Api}")]
    private partial void LogReadyWithoutKiosk(int units, string wall, string api);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cascade is ready with {Units} units. Create the root unit first: {Api}")]
    private partial void LogEmpty(int units, string api);
}
