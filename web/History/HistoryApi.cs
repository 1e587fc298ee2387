using Cascade.History;
using Cascade.Time;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cascade.Web.History;

/// <summary>
/// History and time travel (docs/api.md "History"): a unit's daily points, and the tree of a past
/// day (<c>GET /units/{id}/tree?asOf=</c>, answered here for <c>UnitsApi</c>). Who may read: as
/// <c>/units/{id}/summary</c> and <c>/units/{id}/tree</c>.
/// </summary>
public static class HistoryApi
{
    /// <summary>The days <c>GET /units/{id}/history</c> answers when <c>from</c> is left out: the last 90, today included.</summary>
    public const int DefaultDays = 90;

    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/units").WithTags("History").MapGet("/{id}/history", Get)
            .TakesQuery("from", $"The first day, YYYY-MM-DD; {DefaultDays - 1} days before `to` when left out.")
            .TakesQuery("to", "The last day, YYYY-MM-DD, not after today; today when left out.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    private static IHistoryReaderGrain Reader(IGrainFactory grains) => grains.GetGrain<IHistoryReaderGrain>(0);

    private static async Task<Results<Ok<HistoryAnswer>, ProblemHttpResult>> Get(
        string id, HttpContext context, IGrainFactory grains, KioskScope scope, DomainClock clock, IOptions<HistoryOptions> options)
    {
        if (!UnitRules.IsValidId(id) || await grains.GetGrain<IOrganizationGrain>(IOrganizationGrain.Key).GetUnit(id) is null)
            return Problems.NotFound($"Unit '{id}' does not exist.");
        var errors = new Dictionary<string, string[]>();
        var (from, fromError) = HistoryDates.Read(context, "from");
        var (to, toError) = HistoryDates.Read(context, "to");
        if (fromError is not null) errors["from"] = [fromError];
        if (toError is not null) errors["to"] = [toError];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var today = clock.Today;
        var last = to ?? today;
        var first = from ?? last.AddDays(1 - DefaultDays);
        var keep = options.Value.Keep;
        if (last > today) errors["to"] = [$"to must not be after today ({today:yyyy-MM-dd}): the future has no history."];
        else if (first > last) errors["from"] = ["from must not be after to."];
        else if (last.DayNumber - first.DayNumber + 1 > keep) errors["from"] = [$"from..to spans more than the {keep} days history is kept."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (!await scope.MayRead(context.User, id)) return KioskScope.Refusal(context.User);

        var points = await Reader(grains).Read(id, first, last);
        var byDay = points.ToDictionary(p => p.Day);
        var days = new List<HistoryEntry>(last.DayNumber - first.DayNumber + 1);
        for (var day = first; day <= last; day = day.AddDays(1)) days.Add(HistoryEntry.Of(day, byDay.GetValueOrDefault(day)));
        return TypedResults.Ok(new HistoryAnswer(id, first, last, days));
    }

    /// <summary>
    /// <c>GET /units/{id}/tree?asOf=&amp;depth=</c>: the tree of that day from its stored points and
    /// structure. 400 for a date not written YYYY-MM-DD or after today; 404 when the unit has no point that day.
    /// </summary>
    public static async Task<Results<Ok<HistoryNode>, ProblemHttpResult>> TreeAsOf(
        string id, int depth, HttpContext context, IGrainFactory grains, KioskScope scope, DomainClock clock)
    {
        var (day, error) = HistoryDates.Read(context, "asOf");
        if (error is not null) return Problems.Invalid(new() { ["asOf"] = [error] });
        var today = clock.Today;
        if (day > today) return Problems.Invalid(new() { ["asOf"] = [$"asOf must not be after today ({today:yyyy-MM-dd})."] });
        if (!await scope.MayRead(context.User, id, below: depth)) return KioskScope.Refusal(context.User);
        var tree = await Reader(grains).Tree(day!.Value, id, depth);
        return tree is null ? Problems.NotFound($"Unit '{id}' has no history point on {day:yyyy-MM-dd}.") : TypedResults.Ok(tree);
    }
}
