using Cascade.Notifications;

namespace Cascade.Web.Notifications;

/// <summary><c>GET /api/v1/notify</c>: the channels without secrets, the routes as configured, the group wait in seconds and the quiet hours.</summary>
public sealed record NotifySettingsDto(IReadOnlyList<NotifyChannelDto> Channels, IReadOnlyList<NotifyRouteDto> Routes, int GroupWaitSeconds, string? QuietHours);

/// <param name="Target">The receiver's host (webhook, wecom, dingtalk) or the mail server's (smtp); never a path, query, secret or password.</param>
public sealed record NotifyChannelDto(string Name, string Type, string? Target);

/// <param name="Events">fired, escalated and/or resolved (fired and escalated when not configured).</param>
public sealed record NotifyRouteDto(string Name, string Unit, string MinSeverity, IReadOnlyList<string> Events, string Channel, string? Digest, string Language)
{
    public static NotifyRouteDto Of(string name, Cascade.Notifications.RouteOptions r) => new(name, r.Unit, r.MinSeverity.ToString().ToLowerInvariant(),
        [.. Enum.GetValues<NotifyEventKind>().Where(r.Takes).Select(k => k.ToString().ToLowerInvariant())], r.Channel, r.Digest, r.Language);
}

/// <summary><c>GET /api/v1/notify/outbox</c>: messages newest first, and how many events wait to become messages.</summary>
public sealed record NotifyOutboxDto(IReadOnlyList<NotifyMessageDto> Messages, int WaitingEvents);

/// <param name="Kind">grouped (a unit's events within the group wait) or digest.</param>
/// <param name="State">pending (not yet delivered; tried again at nextAttempt), sent or failed (given up 24 h after the first attempt).</param>
/// <param name="ItemCount">Events the message carries (in full or counted).</param>
/// <param name="LastStatus">The receiver's last status (HTTP status or SMTP reply code); null when it could not be reached.</param>
/// <param name="LastAnswer">The receiver's last answer, at most 1,000 characters.</param>
public sealed record NotifyMessageDto(string DeliveryId, string Route, string Kind, string State, DateTimeOffset CreatedAt, IReadOnlyList<string> UnitIds,
    int ItemCount, int Attempts, DateTimeOffset? FirstAttempt, DateTimeOffset? LastAttempt, DateTimeOffset? NextAttempt, int? LastStatus, string? LastAnswer)
{
    public static NotifyMessageDto Of(RouteMessageView m) => new(m.DeliveryId, m.Route, m.Kind.ToString().ToLowerInvariant(), m.State.ToString().ToLowerInvariant(),
        m.CreatedAt, m.UnitIds, m.ItemCount, m.Attempts, m.FirstAttempt, m.LastAttempt, m.NextAttempt, m.LastStatus, m.LastAnswer);
}
