using Cascade.Identity;
using Cascade.Units;
using Cascade.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Identity;

/// <summary>The kiosk routes (docs/api.md "Identity and access"): kiosk tokens for walls, admins only.</summary>
public static class KiosksApi
{
    public static RouteGroupBuilder MapKiosksApi(this RouteGroupBuilder api)
    {
        var kiosks = api.MapGroup("/kiosks").RequireAuthorization(AccessExtensions.AdminOnly).WithTags("Kiosks")
            .Refuses(StatusCodes.Status403Forbidden);
        kiosks.MapPost("/", Create).ReadsJson<NewKiosk>().Refuses(StatusCodes.Status404NotFound);
        kiosks.MapGet("/", List);
        kiosks.MapDelete("/{id}", Revoke).Refuses(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The wall URL a kiosk token opens, on <paramref name="origin"/> (<see cref="PublicAddress"/>).</summary>
    public static string WallUrl(string origin, string unitId, int depth, string token) =>
        $"{origin}/wall?unit={Uri.EscapeDataString(unitId)}&depth={depth}&kiosk={Uri.EscapeDataString(token)}";

    private static async Task<Results<Created<CreatedKiosk>, ProblemHttpResult>> Create(HttpContext context, IGrainFactory grains, Kiosks kiosks, WriteAccess access)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var fields = new BodyFields(body!);
        if (NewKiosk.Read(fields) is not { } wanted) return Problems.Invalid(fields.Errors);
        if (await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).GetUnit(wanted.UnitId) is null)
            return Problems.NotFound($"Unit '{wanted.UnitId}' does not exist.");
        var (kiosk, token) = await kiosks.Create(wanted.Name, wanted.UnitId, wanted.Depth, access.Actor(context));
        var url = WallUrl(PublicAddress.Origin(context), kiosk.UnitId, kiosk.Depth, token);
        return TypedResults.Created($"/api/v1/kiosks/{kiosk.Id}",
            new CreatedKiosk(kiosk.Id, kiosk.Name, kiosk.UnitId, kiosk.Depth, token, url, KioskQr.PngDataUrl(url)));
    }

    private static async Task<Ok<IEnumerable<KioskDto>>> List(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<INameIndexGrain>(INameIndexGrain.Kiosks).List();
        var kiosks = await Task.WhenAll(ids.Select(id => grains.GetGrain<IKioskGrain>(id).Get()));
        return TypedResults.Ok(kiosks.OfType<KioskRecord>().Select(KioskDto.From));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string id, HttpContext context, IGrainFactory grains, Credentials credentials, WriteAccess access)
    {
        if (id.Length is 0 or > 32 || !id.All(char.IsAsciiHexDigitLower) || !await grains.GetGrain<IKioskGrain>(id).Revoke(access.Actor(context)))
            return Problems.NotFound($"Kiosk '{id}' does not exist.");
        credentials.Forget(id);
        return TypedResults.NoContent();
    }
}
