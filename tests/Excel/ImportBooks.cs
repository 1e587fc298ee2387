using System.Net.Http.Headers;
using Cascade.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;

namespace Cascade.Tests.Excel;

/// <summary>Workbooks to import: plain ones written by MiniExcel, odd ones (merged cells, formulas, text dates) by the Open XML SDK.</summary>
public static class ImportBooks
{
    public static readonly string[] Headings = ["单位编号", "任务编号", "任务名称", "类别", "权重", "开始", "截止", "状态", "进度", "备注", "标签", "期望", "版本"];

    public static byte[] Of(IEnumerable<IDictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A new task's row under the template's headings.</summary>
    public static Dictionary<string, object?> NewRow(string unitId, string? taskId, string title, string track = "党建",
        object? start = null, object? due = null, string status = "", object? progress = null) => new()
    {
        ["单位编号"] = unitId, ["任务编号"] = taskId ?? "", ["任务名称"] = title, ["类别"] = track, ["权重"] = 1,
        ["开始"] = start ?? new DateTime(2026, 1, 1), ["截止"] = due ?? new DateTime(2026, 12, 31), ["状态"] = status,
        ["进度"] = progress ?? "", ["备注"] = "", ["标签"] = "", ["期望"] = "按进度", ["版本"] = "",
    };

    /// <summary>A sheet of text cells with the SDK: <paramref name="build"/> may add merged cells or formulas.</summary>
    public static byte[] Raw(IReadOnlyList<string?[]> rows, Action<Worksheet, SheetData>? build = null, Func<int, int, Cell?>? cell = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var made = cell?.Invoke(r, c);
                    if (made is null && rows[r][c] is null) continue;
                    made ??= new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(rows[r][c]!)) };
                    made.CellReference = $"{(char)('A' + c)}{r + 1}";
                    row.Append(made);
                }
                data.Append(row);
            }
            part.Worksheet = new Worksheet(data);
            build?.Invoke(part.Worksheet, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "任务" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    public static Task<HttpResponseMessage> Import(this HttpClient client, byte[] workbook, bool? dryRun = null, string contentType = Workbooks.ContentType)
    {
        var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync(dryRun is null ? "/api/v1/import" : $"/api/v1/import?dryRun={(dryRun.Value ? "true" : "false")}", content);
    }
}
