using Cascade.Notifications;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Notifications;

/// <summary>
/// The notification routes (docs/api.md "Notifications"), admins only: the configured channels
/// (their target's host, never a URL's path or query, a secret or a password) and routes, and each
/// route's outbox of messages.
/// </summary>
public static class NotifyApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = RouteDesk.HistoryKept;

    public static RouteGroupBuilder MapNotifyApi(this RouteGroupBuilder api)
    {
        var notify = api.MapGroup("/notify").RequireAuthorization(AccessExtensions.AdminOnly).WithTags("Notifications")
            .Refuses(StatusCodes.Status403Forbidden);
        notify.MapGet("/", Settings);
        notify.MapGet("/outbox", Outbox)
            .TakesQuery("route", "One route's messages (every route's when left out).")
            .TakesQuery("state", "pending, sent or failed (all when left out).")
            .TakesQuery("limit", $"At most this many messages, newest first: 1 to {MaxLimit} ({DefaultLimit} when left out).")
            .ProducesValidationProblem().Refuses(StatusCodes.Status404NotFound);
        return api;
    }

    private static Ok<NotifySettingsDto> Settings(IOptions<NotifyOptions> options)
    {
        var o = options.Value;
        return TypedResults.Ok(new NotifySettingsDto(
            [.. o.Channels.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new NotifyChannelDto(c.Key, c.Value.Type.Trim().ToLowerInvariant(), Target(c.Value)))],
            [.. o.Routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => NotifyRouteDto.Of(r.Key, r.Value))],
            (int)o.GroupWait.TotalSeconds, string.IsNullOrWhiteSpace(o.QuietHours) ? null : o.QuietHours.Trim()));
    }

    /// <summary>Where a channel sends, as far as it may be shown: the host (and a port that is not the scheme's), nothing more.</summary>
    internal static string? Target(ChannelOptions channel)
    {
        if (Uri.TryCreate(channel.Url, UriKind.Absolute, out var url)) return url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        return string.IsNullOrWhiteSpace(channel.Host) ? null : channel.Host.Trim();
    }

    private static async Task<Results<Ok<NotifyOutboxDto>, ProblemHttpResult>> Outbox(HttpContext context, IGrainFactory grains, IOptions<NotifyOptions> options)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        foreach (var name in new[] { "route", "state", "limit" })
            if (query[name].Count > 1) errors[name] = [$"{name} may be given once."];
        RouteMessageState? state = query["state"].ToString() switch
        {
            "" => null,
            "pending" => RouteMessageState.Pending,
            "sent" => RouteMessageState.Sent,
            "failed" => RouteMessageState.Failed,
            _ => (RouteMessageState)(-1),
        };
        if (state == (RouteMessageState)(-1)) errors["state"] = ["state is pending, sent or failed."];
        var limit = DefaultLimit;
        if (query["limit"].Count == 1 && (!int.TryParse(query["limit"].ToString(), System.Globalization.NumberStyles.None, null, out limit) || limit < 1 || limit > MaxLimit))
            errors["limit"] = [$"limit is a whole number from 1 to {MaxLimit}."];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var route = query["route"].ToString();
        if (route.Length > 0 && !options.Value.Routes.ContainsKey(route)) return Problems.NotFound($"No route '{route}' is configured.");
        var names = route.Length > 0 ? [route] : options.Value.Routes.Keys.ToList();
        var found = await Task.WhenAll(names.Select(n => grains.GetGrain<INotifyRouteGrain>(n).Outbox(state, limit)));
        var waiting = await Task.WhenAll(names.Select(n => grains.GetGrain<INotifyRouteGrain>(n).WaitingEvents()));
        var messages = found.SelectMany(m => m).OrderByDescending(m => m.CreatedAt).Take(limit).Select(NotifyMessageDto.Of).ToList();
        return TypedResults.Ok(new NotifyOutboxDto(messages, waiting.Sum()));
    }
}
