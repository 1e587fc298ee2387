using System.Net;
using MiniExcelLibs;

namespace Cascade.Tests.Support;

/// <summary>Workbooks in responses: the first sheet's rows keyed by the heading row.</summary>
public static class Workbooks
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Asserts a 200 xlsx answer (its content type, <c>Cache-Control: no-store</c>) and reads its first sheet.</summary>
    public static async Task<List<IDictionary<string, object>>> Sheet(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "a workbook is answered with Cache-Control: no-store");
        return Rows(await response.Content.ReadAsByteArrayAsync());
    }

    public static List<IDictionary<string, object>> Rows(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return [.. stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>()];
    }
}
