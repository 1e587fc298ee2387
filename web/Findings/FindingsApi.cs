using Cascade.Directives;
using Cascade.Outcomes;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Directives;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Cascade.Web.Inspections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.Web.Findings;

/// <summary>
/// The finding routes (docs/api.md "Findings", 互观互检 → 整改 → 销号): recorded against a captured
/// inspection, each owning its rectification task <c>f-{id}</c> in the inspected unit; the
/// inspector confirms or reopens it. Reads: everyone signed in (a kiosk within its reach).
/// </summary>
public static class FindingsApi
{
    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/inspections/{id}/findings", Create).WithTags("Findings").RequireAuthorization(AccessExtensions.PeopleOnly).ReadsJson<NewFinding>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        var group = api.MapGroup("/findings").WithTags("Findings");
        group.MapGet("/", FindingLists.List)
            .TakesQuery("unit", "The inspected unit (with subtree, and every unit below it).")
            .TakesQuery("subtree", "true: also the findings on units below unit.")
            .TakesQuery("state", "open, awaitingConfirmation or closed; repeatable; every state when left out.")
            .TakesQuery("inspector", "Only findings raised by this inspector unit.")
            .TakesQuery("inspection", "Only findings of this inspection.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapGet("/{id}", Get).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", Patch).RequireAuthorization(AccessExtensions.PeopleOnly).ReadsJson<FindingChanges>(mergePatch: true)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", Delete).RequireAuthorization(AccessExtensions.PeopleOnly)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapPost("/{id}/confirm", Confirm).RequireAuthorization(AccessExtensions.PeopleOnly).ReadsJson<FindingDecision>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id}/reopen", Reopen).RequireAuthorization(AccessExtensions.PeopleOnly).ReadsJson<FindingDecision>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }

    internal static IDirectiveGrain Owner(IGrainFactory grains, string id) => grains.GetGrain<IDirectiveGrain>(Finding.OwnerId(id));

    internal static ProblemHttpResult Unknown(string id) => Problems.NotFound($"Finding '{id}' does not exist.");

    private static ProblemHttpResult MayNotDecide(Finding f) => Problems.Forbidden(
        $"Only the unit that raised finding '{f.Id}' ({f.InspectorUnitId ?? "the inspection"}), leaders and admins decide it; the inspected unit cannot.");

    internal static async Task<FindingView?> Find(IGrainFactory grains, string id) =>
        FindingBody.IsValidId(id) ? await Owner(grains, id).Finding() : null;

    private static async Task<Results<Created<FindingDto>, Ok<FindingDto>, ProblemHttpResult>> Create(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, DomainClock clock, IOptions<DirectiveOptions> options)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (!FindingAccess.MayTry(context)) return Problems.Forbidden("Admins, leaders and editors of an inspector unit record findings.");
        var (header, notCaptured) = await InspectionsApi.Captured(grains, id);
        if (notCaptured is not null) return notCaptured;
        var fields = new BodyFields(body!);
        var today = clock.Today;
        var (findingId, unitId, text, due, track, weight, asked) = FindingBody.ReadNew(fields, today);
        if (fields.HasErrors) return Problems.Invalid(fields.Errors);
        if (!UnitRules.IsValidId(unitId) || (await InspectionsApi.Reader(grains).Subtree(id, unitId!, 0)).Count == 0)
            return Problems.Invalid(new() { ["unitId"] = [$"Unit '{unitId}' is not in inspection '{id}' (its frozen subtree)."] });
        var (inspector, refused) = await FindingAccess.Raiser(context, grains, header!, unitId!, asked);
        if (refused is not null) return refused;
        findingId ??= System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);
        var finding = new Finding
        {
            Id = findingId, InspectionId = id, UnitId = unitId!, InspectorUnitId = inspector, Text = text!, ByName = access.ActorName(context),
        };
        var draft = new DirectiveDraft(Finding.OwnerId(findingId), inspector ?? header!.Request.UnitId, FindingRules.TitleOf(text!), track, weight,
            today, due!.Value, text!, null, Finding: finding);
        var owner = Owner(grains, findingId);
        var created = await owner.Create(draft, [unitId!], access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!created.Succeeded) return Problems.From(created);
        if (await owner.Finding() is not { } view) return Problems.Conflict($"Finding '{findingId}' is being withdrawn.");
        var dto = FindingDto.From(view);
        return created.Outcome == Outcome.Created ? TypedResults.Created($"/api/v1/findings/{findingId}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<FindingDto>, ProblemHttpResult>> Get(string id, HttpContext context, IGrainFactory grains, KioskScope scope)
    {
        if (await Find(grains, id) is not { } view) return Unknown(id);
        if (!await scope.MayRead(context.User, view.Finding.UnitId)) return KioskScope.Refusal(context.User);
        return TypedResults.Ok(FindingDto.From(view));
    }

    private static async Task<Results<Ok<FindingDto>, ProblemHttpResult>> Patch(string id, HttpContext context, IGrainFactory grains, WriteAccess access, DomainClock clock)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        if (await Find(grains, id) is not { } view) return Unknown(id);
        if (!await FindingAccess.MayDecide(context, grains, view.Finding)) return MayNotDecide(view.Finding);
        var fields = new BodyFields(body!);
        var (text, due) = FindingBody.ReadPatch(fields, clock.Today);
        if (fields.HasErrors) return Problems.Invalid(fields.Errors);
        return Answer(await Owner(grains, id).PatchFinding(text, due, access.Actor(context), access.ActorName(context)));
    }

    private static async Task<Results<NoContent, Accepted, ProblemHttpResult>> Delete(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, IOptions<DirectiveOptions> options)
    {
        if (await Find(grains, id) is not { } view) return Unknown(id);
        if (!await FindingAccess.MayDecide(context, grains, view.Finding)) return MayNotDecide(view.Finding);
        var result = await Owner(grains, id).Delete(access.Actor(context), access.ActorName(context), options.Value.SyncTargets);
        if (!result.Succeeded) return Problems.From(result);
        return result.Value ? TypedResults.NoContent() : TypedResults.Accepted($"/api/v1/findings/{id}");
    }

    private static Task<Results<Ok<FindingDto>, ProblemHttpResult>> Confirm(string id, HttpContext context, IGrainFactory grains, WriteAccess access) =>
        Decide(id, context, grains, (owner, note, _) => owner.Confirm(note, access.Actor(context), access.ActorName(context)));

    private static Task<Results<Ok<FindingDto>, ProblemHttpResult>> Reopen(string id, HttpContext context, IGrainFactory grains, WriteAccess access) =>
        Decide(id, context, grains, (owner, note, progress) => owner.Reopen(note, progress, access.Actor(context), access.ActorName(context)));

    private static async Task<Results<Ok<FindingDto>, ProblemHttpResult>> Decide(
        string id, HttpContext context, IGrainFactory grains, Func<IDirectiveGrain, string, int, Task<Result<FindingView>>> decide)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (await Find(grains, id) is not { } view) return Unknown(id);
        if (!await FindingAccess.MayDecide(context, grains, view.Finding)) return MayNotDecide(view.Finding);
        var fields = new BodyFields(body!);
        var (note, progress) = FindingBody.ReadDecision(fields);
        if (fields.HasErrors) return Problems.Invalid(fields.Errors);
        return Answer(await decide(Owner(grains, id), note, progress));
    }

    private static Results<Ok<FindingDto>, ProblemHttpResult> Answer(Result<FindingView> result) =>
        result.Succeeded ? TypedResults.Ok(FindingDto.From(result.Value!)) : Problems.From(result);
}
