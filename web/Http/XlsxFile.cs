using System.Globalization;
using Cascade.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cascade.Web.Http;

/// <summary>
/// A workbook answered as a download: the xlsx content type, <c>Cache-Control: no-store</c> (the
/// sheets carry working notes) and a file name ending in the organization's day (<c>tasks-x-20261206.xlsx</c>).
/// </summary>
public static class XlsxFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><paramref name="name"/> without the day and the extension; a null clock: no day in the name.</summary>
    public static string Name(string name, DomainClock? clock) =>
        clock is null ? $"{name}.xlsx"
            : $"{name}-{TimeZoneInfo.ConvertTime(clock.Now, clock.Zone).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";

    public static FileStreamHttpResult Stream(HttpContext context, Stream stream, string name, DomainClock? clock)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(stream, ContentType, Name(name, clock));
    }

    public static FileContentHttpResult Bytes(HttpContext context, byte[] bytes, string name, DomainClock? clock)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(bytes, ContentType, Name(name, clock));
    }
}
