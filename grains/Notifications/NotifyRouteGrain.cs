using Cascade.Alerts;
using Cascade.Storage;
using Cascade.Time;
using Cascade.Units;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cascade.Notifications;

/// <summary>
/// A route's outbox (docs/architecture.md "Notifications"): a shell over <see cref="RouteDesk"/>
/// that stores its state before answering <see cref="Accept"/> and before a message's first
/// attempt, and sends through the route's channel. Woken by a grain timer while active and by
/// every node's <see cref="NotifyClock"/>, so a route whose node died resumes on a survivor.
/// </summary>
public sealed partial class NotifyRouteGrain(
    [PersistentState("notify-route", StorageNames.Default)] IPersistentState<NotifyRouteState> state,
    DomainClock clock, IOptions<NotifyOptions> options, IWorkingCalendar calendar, INotifyChannels channels,
    IConfiguration configuration, Silences.SilenceBook silences, ILogger<NotifyRouteGrain> logger) : Grain, INotifyRouteGrain
{
    /// <summary>Messages sent in one pass at most, so accepts are not held behind a long backlog.</summary>
    private const int SendsPerPass = 20;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    /// <summary>A pass starts no attempt after this long (each may take the channel's 10 s timeout).</summary>
    private static readonly TimeSpan PassTime = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private RouteDesk? _desk;
    private RouteOptions? _route;

    private string Name => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Routes.TryGetValue(Name, out var route))
        {
            _route = route;
            _desk = new RouteDesk(Name, route, options.Value.GroupWait, options.Value.QuietHours, clock.Zone, calendar.IsWorkingDay, () => state.State);
            this.RegisterGrainTimer(Pump, new GrainTimerCreationOptions(Tick, Tick) { KeepAlive = true });
        }
        return Task.CompletedTask;
    }

    public async Task Accept(IReadOnlyList<NotifyEvent> events)
    {
        if (_desk is null) return; // the route is no longer configured
        var holds = await SilencedUntil(events);
        if (_desk.Accept(events, clock.Now, e => holds?.GetValueOrDefault(e.Id)) > 0) await state.WriteStateAsync();
    }

    /// <summary>
    /// Silences (docs/domain.md "Silences"): an event whose alert a silence covers now is held until
    /// that silence's end (it then waits in a held group, like quiet hours), and goes then. Null
    /// when no silence is active: then nothing is asked of the organization.
    /// </summary>
    private async Task<Dictionary<string, DateTimeOffset>?> SilencedUntil(IReadOnlyList<NotifyEvent> events)
    {
        if (!silences.Loaded) await silences.Refresh();
        var now = clock.Now;
        if (!silences.All.Any(s => s.IsActive(now))) return null;
        var organization = GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var paths = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var holds = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var unitId = e.Alert.UnitId;
            if (!paths.TryGetValue(unitId, out var path)) paths[unitId] = path = [unitId, .. await organization.Ancestors(unitId)];
            if (silences.Covering(e.Alert, path, now) is { } silence) holds[e.Id] = silence.End;
        }
        return holds;
    }

    public Task Poke() => Pump();

    public Task<int> WaitingEvents() => Task.FromResult(state.State.Waiting.Sum(g => g.Events.Count + g.Omitted));

    public Task<IReadOnlyList<RouteMessageView>> Outbox(RouteMessageState? wanted, int limit)
    {
        var all = state.State.Pending.Concat(state.State.History);
        if (wanted is { } only) all = all.Where(m => m.State == only);
        return Task.FromResult<IReadOnlyList<RouteMessageView>>(
            [.. all.OrderByDescending(m => m.CreatedAt).Take(Math.Max(0, limit)).Select(m => m.View())]);
    }

    /// <summary>Makes the messages whose time came (stored with their delivery ids), then attempts the due ones, storing each outcome.</summary>
    private async Task Pump()
    {
        if (_desk is null) return;
        var now = clock.Now;
        var changed = _desk.Prune(now);
        var ready = _desk.Ready(now, out var held);
        if (ready.Count > 0)
        {
            var paths = await Paths(ready.SelectMany(g => g.Events).Select(e => e.Alert.UnitId));
            _desk.Form(ready, id => paths[id], now);
        }
        if (changed || held || ready.Count > 0) await state.WriteStateAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var message in _desk.Due(clock.Now).Take(SendsPerPass))
        {
            if (started.Elapsed > PassTime) break; // slow receivers: the next tick goes on, and accepts are not held long
            var answer = await Send(message);
            _desk.Attempted(message, answer, clock.Now);
            if (!answer.Delivered) LogNotDelivered(Name, message.DeliveryId, message.Attempts, answer.Status);
            await state.WriteStateAsync();
        }
    }

    private async Task<DeliveryAnswer> Send(RouteMessage message)
    {
        if (channels.Find(_route!.Channel) is not { } channel) return new DeliveryAnswer(false, null, $"No channel '{_route.Channel}' is configured.");
        try
        {
            return await channel.SendAsync(_desk!.ToSend(message, LedgerUrl, clock.Now), CancellationToken.None);
        }
        catch (Exception error)
        {
            return new DeliveryAnswer(false, null, $"The channel failed: {error.GetType().Name}.");
        }
    }

    /// <summary>The alert ledger filtered on the alert's unit, rule and severity, on <c>Cascade:PublicUrl</c> when set.</summary>
    private string LedgerUrl(Alert alert)
    {
        var origin = configuration["Cascade:PublicUrl"]?.Trim().TrimEnd('/') ?? "";
        return $"{origin}/app/alerts?unit={Uri.EscapeDataString(alert.UnitId)}&rule={Uri.EscapeDataString(alert.Rule)}&severity={alert.Severity.ToString().ToLowerInvariant()}";
    }

    /// <summary>Each unit's path of names, root first, from the organization (names kept for the activation).</summary>
    private async Task<Dictionary<string, string[]>> Paths(IEnumerable<string> unitIds)
    {
        var organization = GrainFactory.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key);
        var paths = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var id in unitIds)
        {
            if (paths.ContainsKey(id)) continue;
            var chain = (await organization.Ancestors(id)).Reverse().Append(id).ToList();
            var names = new string[chain.Count];
            for (var i = 0; i < chain.Count; i++)
            {
                if (!_names.TryGetValue(chain[i], out var name))
                    _names[chain[i]] = name = (await organization.GetUnit(chain[i]))?.Name ?? chain[i];
                names[i] = name;
            }
            paths[id] = names;
        }
        return paths;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route}: message {DeliveryId} not delivered (attempt {Attempts}, status {Status}); it is tried again with the same id")]
    private partial void LogNotDelivered(string route, string deliveryId, int attempts, int? status);
}
