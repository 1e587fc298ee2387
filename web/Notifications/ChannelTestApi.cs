using Cascade.Audit;
using Cascade.Notifications;
using Cascade.Time;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Notifications;

/// <summary>
/// <c>POST /api/v1/notify/channels/{name}/test</c> (docs/api.md "Notifications"), admins only: one
/// test message through a configured channel, answered with what the receiver said. A refusal by
/// the receiver is still a 200 (the request worked; <c>delivered</c> says the rest). Audited as
/// <c>notify.test</c> in the <c>_users</c> chain, with the outcome and never a secret.
/// </summary>
public static class ChannelTestApi
{
    public static RouteGroupBuilder MapChannelTestApi(this RouteGroupBuilder api)
    {
        api.MapPost("/notify/channels/{name}/test", Test).RequireAuthorization(AccessExtensions.AdminOnly).WithTags("Notifications")
            .ReadsJson<ChannelTest>().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<ChannelTestAnswer>, ProblemHttpResult>> Test(string name, HttpContext context, INotifyChannels channels,
        IGrainFactory grains, DomainClock clock, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (name.Length > 64 || channels.Find(name) is not { } channel)
            return Problems.NotFound($"Channel '{(name.Length > 64 ? name[..64] + "…" : name)}' is not configured (Cascade:Notify:Channels).");
        var fields = new BodyFields(body!);
        if (ChannelTest.Read(fields) is not { } wanted) return Problems.Invalid(fields.Errors);

        var message = new NotifyMessage($"test-{Guid.NewGuid():N}", "", wanted.Language, clock.Now, [], NotifyMessageKind.Test);
        var answer = await channel.SendAsync(message, context.RequestAborted);
        var after = new CanonicalObject().Add("channel", channel.Name).Add("type", channel.Type).Add("deliveryId", message.DeliveryId)
            .Add("delivered", answer.Delivered);
        after = answer.Status is { } status ? after.Add("status", status) : after.Add("status", (string?)null);
        await grains.GetGrain<IAuditChainGrain>(AuditChains.Users).Append(
            [AuditDraft.Create(AuditChains.Users, clock.Now, access.Actor(context), AuditActions.NotifyTest, null, null, null, after.ToString())], redelivered: false);
        return TypedResults.Ok(new ChannelTestAnswer(channel.Name, channel.Type, answer.Delivered, answer.Status, answer.Answer));
    }
}

/// <summary>The body of a channel test: the message's <c>language</c>, <c>zh</c> (the default) or <c>en</c>.</summary>
public sealed record ChannelTest(string Language)
{
    public static ChannelTest? Read(BodyFields fields)
    {
        var language = fields.String("language") ?? "zh";
        if (language is not ("zh" or "en")) fields.Fail("language", "language is zh or en.");
        return fields.HasErrors ? null : new(language);
    }
}

/// <summary>What a channel test answers: the receiver's status (HTTP status or SMTP reply code) and answer, without secrets.</summary>
public sealed record ChannelTestAnswer(string Channel, string Type, bool Delivered, int? Status, string? Answer);
