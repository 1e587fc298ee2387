using System.Security.Cryptography;
using Cascade.Directives;
using Cascade.Outcomes;
using Cascade.Rollup;
using Cascade.Schedules;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Directives;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Schedules;

/// <summary>
/// The schedule routes (docs/api.md "Schedules"): recurring duties (三会一课, 主题党日) an issuing
/// unit hands its targets one period at a time. A schedule is served by the directive's owner
/// grain; each period's instance is a copy. Writes: admins and editors of the issuer or above it.
/// </summary>
public static class SchedulesApi
{
    private const string IfMatchMeaning = "The schedule's ETag as last read: the change applies only to that version, else 412.";

    public static RouteGroupBuilder MapSchedulesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/schedules").WithTags("Schedules");
        group.MapPost("/", Create).ReadsJson<NewSchedule>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        group.MapGet("/", List).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapGet("/{id}", Get).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapGet("/{id}/instances", Instances).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", Patch).ReadsJson<ScheduleChanges>(mergePatch: true).TakesHeader("If-Match", IfMatchMeaning)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id}/targets", AddTargets).ReadsJson<DirectiveTargets>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/{id}/targets/{unitId}", Withdraw).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", Delete).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static ProblemHttpResult Unknown(string id) => Problems.NotFound($"Schedule '{id}' does not exist.");
    private static ProblemHttpResult Forbidden(string issuer) => Problems.Forbidden($"You may not hand work down from unit '{issuer}'.");

    private static async Task<Results<Created<ScheduleDto>, Accepted<ScheduleDto>, Ok<ScheduleDto>, ProblemHttpResult>> Create(
        HttpContext context, IGrainFactory grains, WriteAccess access, DomainClock clock, IOptions<DirectiveOptions> options, IOptions<HealthOptions> health)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        var fields = new BodyFields(body!);
        var (draft, spec) = ScheduleBody.ReadNew(fields, () => "s-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10), clock.Today);
        // Who may issue from that unit is asked before what was sent matters (403 before 400).
        if (await Owners.IssuerRefusal(body!, context, grains, access) is { } refused) return refused;
        if (draft is null || spec is null) return Problems.Invalid(fields.Errors);
        var targets = TargetResolver.Resolve(draft.IssuerUnitId, spec, await Owners.Organization(grains).ListUnits(null) ?? []);
        if (!targets.Succeeded) return Problems.From(targets);
        var result = await Owners.Owner(grains, draft.Id).Create(draft, targets.Value!, access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!result.Succeeded) return Problems.From(result);
        if (!result.Value!.Directive.IsSchedule) return Problems.Conflict($"'{draft.Id}' is a directive's id.");
        var dto = ScheduleDto.Of(result.Value!, health.Value);
        context.Response.Headers.ETag = dto.ETag;
        var location = $"/api/v1/schedules/{dto.Id}";
        if (result.Outcome == Outcome.Created) return TypedResults.Created(location, dto);
        return dto.State == "deploying" ? TypedResults.Accepted(location, dto) : TypedResults.Ok(dto);
    }

    /// <param name="issuer">The issuing unit (default: every schedule).</param>
    /// <param name="subtree">With true, also the schedules issued by units below <paramref name="issuer"/>.</param>
    private static async Task<Results<Ok<List<ScheduleDto>>, ProblemHttpResult>> List(
        HttpContext context, IGrainFactory grains, KioskScope scope, IOptions<HealthOptions> health, string? issuer = null, bool subtree = false)
    {
        IReadOnlyList<string>? issuers = null;
        if (issuer is not null)
        {
            if (!UnitRules.IsValidId(issuer) || await Owners.Organization(grains).GetUnit(issuer) is null) return Problems.NotFound($"Unit '{issuer}' does not exist.");
            if (!await scope.MayRead(context.User, issuer)) return KioskScope.Refusal(context.User);
            issuers = await Owners.Issuers(grains, issuer, subtree);
        }
        else if (KioskScope.IsKiosk(context.User)) return KioskScope.Refusal(context.User);
        var ids = await grains.GetGrain<IDirectiveIndexGrain>(IDirectiveIndexGrain.Key).Issued(issuers, schedules: true);
        var views = await Task.WhenAll(ids.Select(id => Owners.Owner(grains, id).Get()));
        return TypedResults.Ok(views.OfType<DirectiveView>().Where(v => v.Directive.IsSchedule)
            .Select(v => ScheduleDto.Of(v, health.Value) with { FailedTargets = [] }).ToList());
    }

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult>> Get(
        string id, HttpContext context, IGrainFactory grains, KioskScope scope, IOptions<HealthOptions> health)
    {
        if (await Owners.Find(grains, id, schedule: true) is not { } view) return Unknown(id);
        if (!await scope.MayRead(context.User, view.Directive.IssuerUnitId)) return KioskScope.Refusal(context.User);
        var dto = ScheduleDto.Of(view, health.Value);
        context.Response.Headers.ETag = dto.ETag;
        return TypedResults.Ok(dto);
    }

    /// <param name="period">The period (default the current one): 2026-12, 2026-q4, 2026-h2 or 2026, of the schedule's cadence.</param>
    /// <param name="state">notStarted, inProgress, blocked, done or overdue (default: every instance).</param>
    /// <param name="after">The unit id after which the page starts (the previous page's <c>next</c>).</param>
    /// <param name="limit">1 to 1000 (default 100).</param>
    private static async Task<Results<Ok<InstancePage>, ProblemHttpResult>> Instances(
        string id, HttpContext context, IGrainFactory grains, KioskScope scope,
        string? period = null, string? state = null, string? after = null, int? limit = null)
    {
        if (await Owners.Find(grains, id, schedule: true) is not { } view) return Unknown(id);
        if (!await scope.MayRead(context.User, view.Directive.IssuerUnitId)) return KioskScope.Refusal(context.User);
        var r = view.Directive.Recurrence!;
        if (period is not null && !Period.TryParse(period, r.Every, out _))
            return Problems.Invalid(new() { ["period"] = [$"period must be one of this schedule's periods, like {r.From}."] });
        if (Owners.ReadPage(state, limit) is not ({ } filter, { } take)) return Owners.BadPage(state);
        var asked = period ?? r.Current ?? r.From;
        var rows = await Owners.Owner(grains, id).Instances(asked, filter, after, take) ?? [];
        var page = await Owners.Page(grains, rows, take);
        return TypedResults.Ok(new InstancePage(asked, page.Copies, page.Next));
    }

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult>> Patch(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options, IOptions<HealthOptions> health)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        if (await Owners.Find(grains, id, schedule: true) is not { } view) return Unknown(id);
        var issuer = view.Directive.IssuerUnitId;
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var fields = new BodyFields(body!);
        if (ScheduleBody.ReadPatch(fields, view.Directive.Recurrence!.Every) is not { } patch) return Problems.Invalid(fields.Errors);
        var ifMatch = context.Request.Headers.IfMatch.Count == 0 ? null : string.Join(",", context.Request.Headers.IfMatch.ToArray());
        var result = await Owners.Owner(grains, id).Patch(patch, ifMatch, access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (result.Value is { } current) context.Response.Headers.ETag = ETags.Of(current.Directive.Version);
        return result.Succeeded ? TypedResults.Ok(ScheduleDto.Of(result.Value!, health.Value)) : Problems.From(result);
    }

    private static async Task<Results<Ok<ScheduleDto>, Accepted<ScheduleDto>, ProblemHttpResult>> AddTargets(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options, IOptions<HealthOptions> health)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (await Owners.Issuer(grains, id, schedule: true) is not { } issuer) return Unknown(id);
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var fields = new BodyFields(body!);
        if (DirectiveBody.ReadTargets(fields, whole: true) is not { } spec) return Problems.Invalid(fields.Errors);
        var targets = TargetResolver.Resolve(issuer, spec, await Owners.Organization(grains).ListUnits(null) ?? []);
        if (!targets.Succeeded) return Problems.From(targets);
        var result = await Owners.Owner(grains, id).AddTargets(targets.Value!, access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!result.Succeeded) return Problems.From(result);
        var dto = ScheduleDto.Of(result.Value!, health.Value);
        context.Response.Headers.ETag = dto.ETag;
        return dto.State == "deploying" ? TypedResults.Accepted($"/api/v1/schedules/{id}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(
        string id, string unitId, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        if (await Owners.Issuer(grains, id, schedule: true) is not { } issuer) return Unknown(id);
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var result = await Owners.Owner(grains, id).Withdraw(unitId, access.Actor(context), access.ActorName(context));
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result);
    }

    private static async Task<Results<NoContent, Accepted, ProblemHttpResult>> Delete(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options)
    {
        if (await Owners.Issuer(grains, id, schedule: true) is not { } issuer) return Unknown(id);
        if (!await access.MayWriteTasks(context, issuer)) return Forbidden(issuer);
        var result = await Owners.Owner(grains, id).Delete(access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!result.Succeeded) return Problems.From(result);
        return result.Value ? TypedResults.NoContent() : TypedResults.Accepted($"/api/v1/schedules/{id}");
    }
}
