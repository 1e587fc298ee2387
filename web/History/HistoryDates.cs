using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Cascade.Web.History;

/// <summary>The dates of the history routes: <c>YYYY-MM-DD</c>, local days in <c>Cascade:TimeZone</c>.</summary>
public static class HistoryDates
{
    /// <summary>A query value as a day: null when absent, an error when not exactly one <c>YYYY-MM-DD</c>.</summary>
    public static (DateOnly? Day, string? Error) Read(HttpContext context, string name)
    {
        if (!context.Request.Query.TryGetValue(name, out StringValues given)) return (null, null);
        return given.Count == 1 && DateOnly.TryParseExact(given[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, null)
            : (null, $"{name} must be one date written YYYY-MM-DD.");
    }
}
