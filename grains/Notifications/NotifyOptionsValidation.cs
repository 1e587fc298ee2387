using Cascade.Alerts;
using Cascade.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cascade.Notifications;

/// <summary>
/// Checks <c>Cascade:Notify</c> at start (docs/operations.md "Notifications"): a wrong setting stops
/// the start with a message naming it. Messages name settings, never their values' secrets.
/// </summary>
public sealed class NotifyOptionsValidation : IValidateOptions<NotifyOptions>
{
    private const string S = NotifyOptions.Section;

    public ValidateOptionsResult Validate(string? name, NotifyOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Errors(NotifyOptions o)
    {
        if (o.GroupWait < TimeSpan.Zero || o.GroupWait > TimeSpan.FromHours(1))
            yield return $"{S}:GroupWait must be between 0 and one hour (00:00:30 by default).";
        if (o.QuietHours is { } quiet && !string.IsNullOrWhiteSpace(quiet) && !LocalClockTimes.TryParseRange(quiet, out _, out _))
            yield return $"{S}:QuietHours must be local HH:mm-HH:mm such as 22:00-07:00 (two different times).";
        foreach (var (name, channel) in o.Channels)
            foreach (var error in ChannelErrors(name, channel)) yield return error;
        foreach (var (name, route) in o.Routes)
        {
            var at = $"{S}:Routes:{name}";
            if (string.IsNullOrWhiteSpace(route.Unit)) yield return $"{at}:Unit must name the subtree's root unit.";
            if (string.IsNullOrWhiteSpace(route.Channel)) yield return $"{at}:Channel must name a channel.";
            else if (!o.Channels.ContainsKey(route.Channel)) yield return $"{at}:Channel names '{route.Channel}', which is not under {S}:Channels.";
            if (!Enum.IsDefined(route.MinSeverity)) yield return $"{at}:MinSeverity must be amber or red.";
            if (route.Events.Any(e => !Enum.IsDefined(e))) yield return $"{at}:Events must be among fired, escalated and resolved.";
            if (route.Digest is { } digest && !LocalClockTimes.TryParse(digest, out _)) yield return $"{at}:Digest must be a local time HH:mm such as 09:00, or left out.";
            if (route.Language is not ("zh" or "en")) yield return $"{at}:Language must be zh or en.";
        }
    }

    /// <summary>One channel's settings, as its type checks them (<see cref="Channels.NotifyChannelTypes.Validate"/>).</summary>
    private static IEnumerable<string> ChannelErrors(string name, ChannelOptions channel) => Channels.NotifyChannelTypes.Validate(name, channel);
}

public static class NotifyServices
{
    /// <summary>
    /// Notifications (docs/architecture.md "Notifications"): the options checked at start, the
    /// channels, the route clock, and a Monday-Friday calendar unless a holiday calendar is registered.
    /// </summary>
    public static IServiceCollection AddCascadeNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotifyOptions>().BindConfiguration(NotifyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotifyOptions>, NotifyOptionsValidation>());
        services.TryAddSingleton(sp => new NotifyFilter(sp.GetRequiredService<IOptions<NotifyOptions>>().Value));
        services.TryAddSingleton<INotifyChannels>(sp => new NotifyChannels(sp.GetRequiredService<IOptions<NotifyOptions>>().Value, sp));
        services.AddHostedService<NotifyClock>();
        return services;
    }
}
