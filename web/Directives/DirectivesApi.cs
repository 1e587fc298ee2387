using System.Security.Cryptography;
using Cascade.Directives;
using Cascade.Outcomes;
using Cascade.Rollup;
using Cascade.Tasks;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Directives;

/// <summary>
/// The directive routes (docs/api.md "Directives"): work handed down from an issuing unit to many
/// target units, each holding a copy. Writes: admins and editors of the issuer or above it.
/// </summary>
public static class DirectivesApi
{
    private const string IfMatchMeaning = "The directive's ETag as last read: the change applies only to that version, else 412.";

    public static RouteGroupBuilder MapDirectivesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/directives").WithTags("Directives");
        group.MapPost("/", Create).ReadsJson<NewDirective>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        group.MapGet("/", List).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapGet("/{id}", Get).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapGet("/{id}/copies", Copies).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", Patch).ReadsJson<DirectiveChanges>(mergePatch: true).TakesHeader("If-Match", IfMatchMeaning)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/targets", AddTargets).ReadsJson<DirectiveTargets>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/{id}/targets/{unitId}", Withdraw).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", Delete).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static ProblemHttpResult Unknown(string id) => Problems.NotFound($"Directive '{id}' does not exist.");
    private static ProblemHttpResult Forbidden(string issuer) => Problems.Forbidden($"You may not hand work down from unit '{issuer}'.");
    private static IDirectiveGrain Owner(IGrainFactory grains, string id) => Owners.Owner(grains, id);
    private static IOrganizationGrain Organization(IGrainFactory grains) => Owners.Organization(grains);

    private static async Task<Results<Created<DirectiveDto>, Accepted<DirectiveDto>, Ok<DirectiveDto>, ProblemHttpResult>> Create(
        HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options, IOptions<HealthOptions> health)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var fields = new BodyFields(body!);
        var (draft, spec) = DirectiveBody.ReadNew(fields, () => "d-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10));
        // Who may issue from that unit is asked before what was sent matters (403 before 400).
        if (await Owners.IssuerRefusal(body!, context, grains, access) is { } refused) return refused;
        if (draft is null || spec is null) return Problems.Invalid(fields.Errors);
        var units = await Organization(grains).ListUnits(null) ?? [];
        var targets = TargetResolver.Resolve(draft.IssuerUnitId, spec, units);
        if (!targets.Succeeded) return Problems.From(targets);
        var result = await Owner(grains, draft.Id).Create(draft, targets.Value!, access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!result.Succeeded) return Problems.From(result);
        var dto = DirectiveDto.From(result.Value!, health.Value);
        context.Response.Headers.ETag = dto.ETag;
        var location = $"/api/v1/directives/{dto.Id}";
        if (result.Outcome == Outcome.Created) return TypedResults.Created(location, dto);
        return dto.State == "deploying" ? TypedResults.Accepted(location, dto) : TypedResults.Ok(dto);
    }

    /// <param name="issuer">The issuing unit (default: every directive).</param>
    /// <param name="subtree">With true, also the directives issued by units below <paramref name="issuer"/>.</param>
    private static async Task<Results<Ok<List<DirectiveDto>>, ProblemHttpResult>> List(
        HttpContext context, IGrainFactory grains, KioskScope scope, IOptions<HealthOptions> health, string? issuer = null, bool subtree = false)
    {
        IReadOnlyList<string>? issuers = null;
        if (issuer is not null)
        {
            if (!UnitRules.IsValidId(issuer) || await Organization(grains).GetUnit(issuer) is null) return Problems.NotFound($"Unit '{issuer}' does not exist.");
            if (!await scope.MayRead(context.User, issuer)) return KioskScope.Refusal(context.User);
            issuers = await Owners.Issuers(grains, issuer, subtree);
        }
        else if (KioskScope.IsKiosk(context.User)) return KioskScope.Refusal(context.User);
        var ids = await grains.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key).Issued(issuers);
        var views = await Task.WhenAll(ids.Select(id => Owner(grains, id).Get()));
        return TypedResults.Ok(views.OfType<DirectiveView>().Select(v => DirectiveDto.From(v, health.Value) with { FailedTargets = [] }).ToList());
    }

    private static async Task<Results<Ok<DirectiveDto>, ProblemHttpResult>> Get(
        string id, HttpContext context, IGrainFactory grains, KioskScope scope, IOptions<HealthOptions> health)
    {
        if (await Owners.Find(grains, id, schedule: false) is not { } view) return Unknown(id);
        if (!await scope.MayRead(context.User, view.Directive.IssuerUnitId)) return KioskScope.Refusal(context.User);
        var dto = DirectiveDto.From(view, health.Value);
        context.Response.Headers.ETag = dto.ETag;
        return TypedResults.Ok(dto);
    }

    /// <param name="state">notStarted, inProgress, blocked, done or overdue (default: every copy).</param>
    /// <param name="after">The unit id after which the page starts (the previous page's <c>next</c>).</param>
    /// <param name="limit">1 to 1000 (default 100).</param>
    private static async Task<Results<Ok<CopyPage>, ProblemHttpResult>> Copies(
        string id, HttpContext context, IGrainFactory grains, KioskScope scope, string? state = null, string? after = null, int? limit = null)
    {
        if (await Owners.Find(grains, id, schedule: false) is not { } view) return Unknown(id);
        if (!await scope.MayRead(context.User, view.Directive.IssuerUnitId)) return KioskScope.Refusal(context.User);
        if (Owners.ReadPage(state, limit) is not ({ } filter, { } take)) return Owners.BadPage(state);
        var rows = await Owner(grains, id).Copies(filter, after, take) ?? [];
        return TypedResults.Ok(await Owners.Page(grains, rows, take));
    }

    private static async Task<Results<Ok<DirectiveDto>, ProblemHttpResult>> Patch(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options, IOptions<HealthOptions> health)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        if (await Issuer(grains, id) is not { } issuer) return Unknown(id);
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var fields = new BodyFields(body!);
        if (DirectiveBody.ReadPatch(fields) is not { } patch) return Problems.Invalid(fields.Errors);
        var ifMatch = context.Request.Headers.IfMatch.Count == 0 ? null : string.Join(",", context.Request.Headers.IfMatch.ToArray());
        var result = await Owner(grains, id).Patch(patch, ifMatch, access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (result.Value is { } current) context.Response.Headers.ETag = ETags.Of(current.Directive.Version);
        return result.Succeeded ? TypedResults.Ok(DirectiveDto.From(result.Value!, health.Value)) : Problems.From(result);
    }

    private static async Task<Results<Ok<DirectiveDto>, Accepted<DirectiveDto>, ProblemHttpResult>> AddTargets(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options, IOptions<HealthOptions> health)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (await Issuer(grains, id) is not { } issuer) return Unknown(id);
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var fields = new BodyFields(body!);
        if (DirectiveBody.ReadTargets(fields, whole: true) is not { } spec) return Problems.Invalid(fields.Errors);
        var targets = TargetResolver.Resolve(issuer, spec, await Organization(grains).ListUnits(null) ?? []);
        if (!targets.Succeeded) return Problems.From(targets);
        var result = await Owner(grains, id).AddTargets(targets.Value!, access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!result.Succeeded) return Problems.From(result);
        var dto = DirectiveDto.From(result.Value!, health.Value);
        context.Response.Headers.ETag = dto.ETag;
        return dto.State == "deploying" ? TypedResults.Accepted($"/api/v1/directives/{id}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(
        string id, string unitId, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        if (await Issuer(grains, id) is not { } issuer) return Unknown(id);
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var result = await Owner(grains, id).Withdraw(unitId, access.Actor(context), access.ActorName(context));
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<Results<NoContent, Accepted, ProblemHttpResult>> Delete(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options)
    {
        if (await Issuer(grains, id) is not { } issuer) return Unknown(id);
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var result = await Owner(grains, id).Delete(access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!result.Succeeded) return Problems.From(result);
        return result.Value ? TypedResults.NoContent() : TypedResults.Accepted($"/api/v1/directives/{id}");
    }

    private static Task<string?> Issuer(IGrainFactory grains, string id) => Owners.Issuer(grains, id, schedule: false);
}
