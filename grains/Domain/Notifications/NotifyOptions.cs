using Cascade.Alerts;

namespace Cascade.Notifications;

/// <summary>
/// <c>Cascade:Notify</c>: channels and routes by name, the group wait and the quiet hours
/// (docs/operations.md "Notifications"). No route: nothing is notified and units write no events.
/// </summary>
public sealed class NotifyOptions
{
    public const string Section = "Cascade:Notify";

    public Dictionary<string, ChannelOptions> Channels { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, RouteOptions> Routes { get; set; } = new(StringComparer.Ordinal);
    /// <summary>A route's events of one unit within this wait go in one message.</summary>
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Local <c>HH:mm-HH:mm</c> (may cross midnight): everything but red waits until it ends. None by default.</summary>
    public string? QuietHours { get; set; }

    public bool Enabled => Routes.Count > 0;
}

/// <summary><c>Cascade:Notify:Channels:{name}</c>. Secrets come from configuration or the environment and never leave the process.</summary>
public sealed class ChannelOptions
{
    /// <summary>webhook, wecom, dingtalk or smtp.</summary>
    public string Type { get; set; } = "";
    public string? Url { get; set; }
    public string? Secret { get; set; }
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
    public List<string> To { get; set; } = [];
    /// <summary><c>smtp</c>: the SHA-256 thumbprint (hex) of the one certificate trusted besides valid ones (an intranet mail server's own).</summary>
    public string? CertificateThumbprint { get; set; }
}

/// <summary><c>Cascade:Notify:Routes:{name}</c>: which alerts of which subtree go to which channel, at once or as a daily digest.</summary>
public sealed class RouteOptions
{
    /// <summary>The subtree's root unit.</summary>
    public string Unit { get; set; } = "";
    public AlertSeverity MinSeverity { get; set; } = AlertSeverity.Amber;
    /// <summary>Empty (the default): fired and escalated. (Empty rather than a filled default: the configuration binder adds to a list it finds filled.)</summary>
    public List<NotifyEventKind> Events { get; set; } = [];
    public string Channel { get; set; } = "";
    /// <summary>Null: each group at once; else the local <c>HH:mm</c> of the daily digest (working days only).</summary>
    public string? Digest { get; set; }
    /// <summary>zh or en.</summary>
    public string Language { get; set; } = "zh";

    public bool Takes(NotifyEventKind kind) => Events.Count == 0 ? kind != NotifyEventKind.Resolved : Events.Contains(kind);
}
