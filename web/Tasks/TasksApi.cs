using Cascade.Outcomes;
using Cascade.Tasks;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;

namespace Cascade.Web.Tasks;

/// <summary>api.md "Tasks". Each handler makes one call to the unit's grain.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/units/{id}/tasks");
        tasks.MapGet("/", List);
        tasks.MapPost("/", Create);
        tasks.MapGet("/{taskId}", Get);
        tasks.MapPatch("/{taskId}", Patch);
        tasks.MapDelete("/{taskId}", Delete);
        return api;
    }

    private static IResult UnknownUnit(string id) => Problems.NotFound($"Unit '{id}' does not exist.");
    private static IResult UnknownTask(string id, string taskId) => Problems.NotFound($"Task '{taskId}' does not exist in unit '{id}'.");
    private static IResult Forbidden(string id) => Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", $"You may not change the tasks of unit '{id}'.");

    private static async Task<IResult> List(string id, HttpContext context, IGrainFactory grains, DomainClock clock, KioskScope scope)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        var tasks = await grains.GetGrain<IUnitGrain>(id).GetTasks();
        if (tasks is null) return UnknownUnit(id);
        if (!await scope.MayRead(context.User, id)) return KioskScope.Refusal(context.User);
        var kiosk = KioskScope.IsKiosk(context.User);
        return TypedResults.Ok(tasks.Select(t => Shown(TaskDto.From(id, t, clock), kiosk)));
    }

    /// <summary>A kiosk sees no notes: they are a branch's working words, not the wall's.</summary>
    private static TaskDto Shown(TaskDto task, bool kiosk) => kiosk ? task with { Note = "" } : task;

    private static async Task<IResult> Create(string id, HttpContext context, IGrainFactory grains, WriteAccess access, DomainClock clock)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!await access.MayWriteTasks(context, id)) return Forbidden(id);
        var draft = TaskBody.ReadDraft(new BodyFields(body!));
        var result = await grains.GetGrain<IUnitGrain>(id).CreateTask(draft, access.Actor(context));
        if (!result.Succeeded) return Problems.From(result);
        var task = TaskDto.From(id, result.Value!, clock);
        context.Response.Headers.ETag = task.ETag;
        return result.Outcome == Outcome.Created
            ? TypedResults.Created($"/api/v1/units/{id}/tasks/{task.Id}", task)
            : TypedResults.Ok(task);
    }

    private static async Task<IResult> Get(string id, string taskId, HttpContext context, IGrainFactory grains, DomainClock clock, KioskScope scope)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!TaskRules.IsValidId(taskId)) return UnknownTask(id, taskId);
        var result = await grains.GetGrain<IUnitGrain>(id).GetTask(taskId);
        if (result.Succeeded && !await scope.MayRead(context.User, id)) return KioskScope.Refusal(context.User);
        return Answer(context, id, result, clock, KioskScope.IsKiosk(context.User));
    }

    private static async Task<IResult> Patch(string id, string taskId, HttpContext context, IGrainFactory grains, WriteAccess access, DomainClock clock)
    {
        var (body, refusal) = await RequestBody.ReadAsync(context, mergePatch: true);
        if (refusal is not null) return refusal;
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!TaskRules.IsValidId(taskId)) return UnknownTask(id, taskId);
        if (!await access.MayWriteTasks(context, id)) return Forbidden(id);
        var patch = TaskBody.ReadPatch(new BodyFields(body!));
        var result = await grains.GetGrain<IUnitGrain>(id).PatchTask(taskId, patch, IfMatch(context), access.Actor(context));
        return Answer(context, id, result, clock);
    }

    private static async Task<IResult> Delete(string id, string taskId, HttpContext context, IGrainFactory grains, WriteAccess access)
    {
        if (!UnitRules.IsValidId(id)) return UnknownUnit(id);
        if (!TaskRules.IsValidId(taskId)) return UnknownTask(id, taskId);
        if (!await access.MayWriteTasks(context, id)) return Forbidden(id);
        var result = await grains.GetGrain<IUnitGrain>(id).DeleteTask(taskId, IfMatch(context), access.Actor(context));
        if (result.Outcome == Outcome.PreconditionFailed) context.Response.Headers.ETag = ETags.Of(result.Value!.Version);
        return result.Succeeded ? TypedResults.NoContent() : Problems.From(result);
    }

    private static string? IfMatch(HttpContext context) =>
        context.Request.Headers.IfMatch.Count == 0 ? null : string.Join(",", context.Request.Headers.IfMatch.ToArray());

    /// <summary>200 with the task and its ETag, or the problem; a 412 still names the current ETag.</summary>
    private static IResult Answer(HttpContext context, string id, Cascade.Outcomes.Result<TaskItem> result, DomainClock clock, bool kiosk = false)
    {
        if (result.Value is { } current) context.Response.Headers.ETag = ETags.Of(current.Version);
        return result.Succeeded ? TypedResults.Ok(Shown(TaskDto.From(id, result.Value!, clock), kiosk)) : Problems.From(result);
    }
}
