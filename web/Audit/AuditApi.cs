using System.Globalization;
using Cascade.Audit;
using Cascade.Units;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Audit;

/// <summary>The audit routes (docs/api.md "Audit"): the hash-chained trail of every accepted write and sign-in.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/", Query).RequireAuthorization(AccessExtensions.Overseers)
            .TakesQuery("unit", "Only the entries of this unit.")
            .TakesQuery("from", "ISO 8601 time with a zone, or a date (its UTC midnight).")
            .TakesQuery("to", "ISO 8601 time with a zone, or a date; not before from.")
            .TakesQuery("limit", $"1 to {AuditQuery.MaxLimit}; {AuditQuery.DefaultLimit} when left out.")
            .ProducesValidationProblem().Refuses(StatusCodes.Status403Forbidden);
        // A malformed ?anchors= is refused by the parameter binding, with 400.
        audit.MapGet("/verify", Verify).RequireAuthorization(AccessExtensions.AdminOnly)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<IEnumerable<AuditEntryDto>>, ProblemHttpResult>> Query(HttpContext context, IGrainFactory grains)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        string? One(string name)
        {
            var values = query[name];
            if (values.Count > 1) errors[name] = [$"{name} may be given once."];
            return values.Count == 1 ? values[0] : null;
        }
        var unit = One("unit");
        if (unit is not null && !UnitRules.IsValidId(unit)) errors["unit"] = ["unit is not a unit id."];
        var from = Instant(One("from"), "from", errors);
        var to = Instant(One("to"), "to", errors);
        var limit = AuditQuery.DefaultLimit;
        if (One("limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AuditQuery.MaxLimit))
            errors["limit"] = [$"limit must be a whole number from 1 to {AuditQuery.MaxLimit}."];
        if (from > to) errors["to"] = ["to must not be before from."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var entries = await grains.GetGrain<IAuditReaderGrain>(0).Query(new AuditQuery(unit, from, to, limit));
        return TypedResults.Ok(entries.Select(AuditEntryDto.From));
    }

    /// <summary>An ISO 8601 instant with a zone (<c>2026-11-27T08:00:00Z</c>) or a date, taken as its UTC midnight.</summary>
    private static DateTimeOffset? Instant(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (text.Length <= 40 && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        errors[name] = [$"{name} must be an ISO 8601 time with a zone, such as 2026-11-27T08:00:00Z, or a date."];
        return null;
    }

    /// <summary><c>?anchors=true</c>: also against the anchor file outside the database.</summary>
    private static async Task<Ok<AuditVerification>> Verify(IGrainFactory grains, bool? anchors) =>
        TypedResults.Ok(await grains.GetGrain<IAuditReaderGrain>(0).Verify(anchors ?? false));
}
