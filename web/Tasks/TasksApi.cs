using Cascade.Outcomes;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Tasks;

/// <summary>
/// The task routes (docs/api.md "Tasks"). Each handler makes one call to the unit's grain when
/// the request is good; a body with a problem costs one read more, so that 404 still comes
/// before 400 (the unit or task must exist before what was sent to it matters).
/// </summary>
public static class TasksApi
{
    private const string IfMatchMeaning =
        "The task's ETag as last read (\"7\"), or several, or *: the write applies only to that version, else 412 with the current ETag.";

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/units/{id}/tasks").WithTags("Tasks");
        tasks.MapGet("/", List)
            .TakesQuery("archived", "true: only the archived tasks (done, and due before this year); false (the default): only the live ones.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        tasks.MapPost("/", Create).ReadsJson<NewTask>()
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        tasks.MapGet("/{taskId}", Get).Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        tasks.MapPatch("/{taskId}", Patch).ReadsJson<TaskChanges>(mergePatch: true).TakesHeader("If-Match", IfMatchMeaning)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        tasks.MapDelete("/{taskId}", Delete).TakesHeader("If-Match", IfMatchMeaning)
            .Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static ProblemHttpResult UnknownUnit(string id) => Problems.NotFound($"Unit '{id}' does not exist.");
    private static ProblemHttpResult UnknownTask(string id, string taskId) => Problems.NotFound($"Task '{taskId}' does not exist in unit '{id}'.");
    private static ProblemHttpResult Forbidden(string id) => Problems.Forbidden($"You may not change the tasks of unit '{id}'.");

    /// <summary>
    /// The live tasks, or with <c>?archived=true</c> only the archived ones (docs/domain.md "Archived tasks"); any other
    /// value of <c>archived</c> is 400 (after 404 and 403, as a body's problem is).
    /// </summary>
    /// <param name="tag">Only the tasks carrying this label (compared after trimming, exactly).</param>
    private static async Task<Results<Ok<IEnumerable<TaskDto>>, ProblemHttpResult>> List(
        string id, HttpContext context, IGrainFactory grains, DomainClock clock, KioskScope scope, string? tag = null)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        var tasks = await grains.GetGrain<IUnitGrain>(id).GetTasks();
        if (tasks is null) return UnknownUnit(id);
        if (!await scope.MayRead(context.User, id)) return KioskScope.Refusal(context.User);
        var given = context.Request.Query["archived"];
        var archived = false;
        if (given.Count > 1 || given.Count == 1 && !bool.TryParse(given.ToString(), out archived))
            return Problems.Invalid(new Dictionary<string, string[]> { ["archived"] = ["archived is true or false (given once)."] });
        var kiosk = KioskScope.IsKiosk(context.User);
        var label = tag?.Trim();
        var yearStart = clock.YearStart(clock.Now);
        var shown = tasks.Where(t => Archive.IsArchived(t, yearStart) == archived && (string.IsNullOrEmpty(label) || t.HasTag(label)));
        return TypedResults.Ok(shown.Select(t => Shown(TaskDto.From(id, t, clock), kiosk)));
    }

    /// <summary>A kiosk sees no notes: they are a branch's working words, not the wall's.</summary>
    private static TaskDto Shown(TaskDto task, bool kiosk) => kiosk ? task with { Note = "" } : task;

    private static async Task<Results<Created<TaskDto>, Ok<TaskDto>, ProblemHttpResult>> Create(
        string id, HttpContext context, IGrainFactory grains, WriteAccess access, DomainClock clock)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!await access.MayWriteTasks(context, id)) return Forbidden(id);
        var unit = grains.GetGrain<IUnitGrain>(id);
        var fields = new BodyFields(body!);
        if (TaskBody.ReadDraft(fields) is not { } draft)
            return await unit.GetTasks() is null ? UnknownUnit(id) : Problems.Invalid(fields.Errors);
        if (draft.Id is { } taskId && await grains.GetGrain<Cascade.Directives.IDirectiveIndexGrain>(Cascade.Directives.IDirectiveIndexGrain.Key).Exists(taskId)
            && await unit.GetTask(taskId) is { Succeeded: false })
            return Problems.Conflict($"'{taskId}' is the id of a directive (交办事项): its copies carry it, so an own task may not.");
        var result = await unit.CreateTask(draft, access.Actor(context), access.ActorName(context));
        if (!result.Succeeded) return Problems.From(result);
        var task = TaskDto.From(id, result.Value!, clock);
        context.Response.Headers.ETag = task.ETag;
        return result.Outcome == Outcome.Created
            ? TypedResults.Created($"/api/v1/units/{id}/tasks/{task.Id}", task)
            : TypedResults.Ok(task);
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Get(
        string id, string taskId, HttpContext context, IGrainFactory grains, DomainClock clock, KioskScope scope)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!TaskRules.IsValidId(taskId)) return UnknownTask(id, taskId);
        var result = await grains.GetGrain<IUnitGrain>(id).GetTask(taskId);
        if (result.Succeeded && !await scope.MayRead(context.User, id)) return KioskScope.Refusal(context.User);
        return Answer(context, id, result, clock, KioskScope.IsKiosk(context.User));
    }

    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Patch(
        string id, string taskId, HttpContext context, IGrainFactory grains, WriteAccess access, DomainClock clock)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!TaskRules.IsValidId(taskId)) return UnknownTask(id, taskId);
        if (!await access.MayWriteTasks(context, id)) return Forbidden(id);
        var unit = grains.GetGrain<IUnitGrain>(id);
        var fields = new BodyFields(body!);
        if (TaskBody.ReadPatch(fields) is not { } patch)
            return await unit.GetTask(taskId) is { Succeeded: false } missing ? Problems.From(missing) : Problems.Invalid(fields.Errors);
        var result = await unit.PatchTask(taskId, patch, IfMatch(context), access.Actor(context), access.ActorName(context));
        return Answer(context, id, result, clock);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, string taskId, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!TaskRules.IsValidId(taskId)) return UnknownTask(id, taskId);
        if (!await access.MayWriteTasks(context, id)) return Forbidden(id);
        // An admin's delete of a copy is its directive's withdrawal of that target; editors are refused (409).
        var admin = context.User.Role() == Cascade.Identity.Role.Admin;
        var result = await grains.GetGrain<IUnitGrain>(id).DeleteTask(taskId, IfMatch(context), access.Actor(context), admin);
        if (result.Outcome == Outcome.PreconditionFailed) context.Response.Headers.ETag = ETags.Of(result.Value!.Version);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result);
    }

    private static string? IfMatch(HttpContext context) =>
        context.Request.Headers.IfMatch.Count == 0 ? null : string.Join(",", context.Request.Headers.IfMatch.ToArray());

    /// <summary>200 with the task and its ETag, or the problem; a 412 still names the current ETag.</summary>
    private static Results<Ok<TaskDto>, ProblemHttpResult> Answer(HttpContext context, string id, Cascade.Outcomes.Result<TaskItem> result, DomainClock clock, bool kiosk = false)
    {
        if (result.Value is { } current) context.Response.Headers.ETag = ETags.Of(current.Version);
        return result.Succeeded ? TypedResults.Ok(Shown(TaskDto.From(id, result.Value!, clock), kiosk)) : Problems.From(result);
    }
}
