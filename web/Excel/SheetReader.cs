using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cascade.Web.Excel;

/// <summary>
/// Reads the first sheet of a workbook the <see cref="WorkbookGuard"/> passed, with the Open XML
/// SDK's forward reader: row by row, the heading row first. Refuses (a Chinese reason) merged cells,
/// a repeated heading and more than <paramref name="maxRows"/> rows; reads a formula's cached value
/// and never calculates one.
/// </summary>
public static class SheetReader
{
    public static (SheetContent? Content, string? Refusal) Read(Stream workbook, int maxRows)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(workbook, false, new OpenSettings { MaxCharactersInPart = WorkbookGuard.MaxInflated });
            var part = document.WorkbookPart;
            var first = part?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (part is null || first?.Id?.Value is not { } sheetId || part.GetPartById(sheetId) is not WorksheetPart sheet)
                return (null, "文件不是有效的 xlsx 工作簿（其中没有工作表）");
            var shared = SharedStrings(part);
            Dictionary<string, int>? columns = null;
            var rows = new List<(int, IReadOnlyDictionary<int, SheetCell>)>();
            var next = 1;
            using var reader = OpenXmlReader.Create(sheet);
            while (reader.Read())
            {
                if (!reader.IsStartElement) continue;
                if (reader.ElementType == typeof(MergeCell)) return (null, "工作表含有合并单元格，请取消合并、每格填一个值后再导入");
                if (reader.ElementType != typeof(Row)) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                var number = row.RowIndex?.Value is { } index ? (int)index : next;
                next = number + 1;
                var cells = Cells(row, shared);
                if (columns is null)
                {
                    columns = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var (column, cell) in cells)
                    {
                        var heading = (cell.Text ?? cell.Number?.ToString(CultureInfo.InvariantCulture) ?? "").Trim();
                        if (heading.Length == 0) continue;
                        if (!columns.TryAdd(heading, column)) return (null, $"第 1 行的列名“{heading}”出现了两次");
                    }
                    continue;
                }
                if (cells.Values.All(c => c.IsBlank)) continue;
                if (rows.Count == maxRows) return (null, $"工作表超过 {maxRows:N0} 行，请分成几个文件导入");
                rows.Add((number, cells));
            }
            return columns is null ? (null, "工作表是空的：第 1 行须是列名") : (new SheetContent(columns, rows), null);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
            // Whatever the SDK throws for a part it cannot read (package, XML, format, missing relationship): the file is bad, not the server.
        {
            return (null, "文件不是有效的 xlsx 工作簿（无法读取其中的工作表）");
        }
    }

    private static string[] SharedStrings(WorkbookPart part)
    {
        if (part.SharedStringTablePart is not { } table) return [];
        var list = new List<string>();
        using var reader = OpenXmlReader.Create(table);
        while (reader.Read())
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
                list.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
        return [.. list];
    }

    /// <summary>The item's text: its plain text or its runs, never its phonetic hints.</summary>
    private static string TextOf(OpenXmlElement item) =>
        item.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));

    private static Dictionary<int, SheetCell> Cells(Row row, string[] shared)
    {
        var cells = new Dictionary<int, SheetCell>();
        var position = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : position;
            position = column + 1;
            cells[column] = Read(cell, shared);
        }
        return cells;
    }

    private static SheetCell Read(Cell cell, string[] shared)
    {
        var value = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (cell.CellFormula is not null && value is null) return new(null, null, "公式没有保存计算结果（请在 Excel 中打开并保存后再导入，或改填数值）");
        if (type == CellValues.InlineString) return new(cell.InlineString is { } inline ? TextOf(inline) : "", null);
        if (value is null) return new(null, null);
        if (type == CellValues.SharedString)
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length
                ? new(shared[i], null) : new(null, null, "单元格引用了不存在的共享文本");
        if (type == CellValues.Error) return new(null, null, $"单元格的值是错误 {value}");
        if (type == CellValues.Boolean) return new(value == "1" ? "TRUE" : "FALSE", null);
        if (type == CellValues.String || type == CellValues.Date) return new(value, null);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new(null, number) : new(value, null);
    }

    /// <summary>"AB12" → 27 (0-based column).</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
    }
}
