using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Cascade.Tasks;

namespace Cascade.Web.Excel;

/// <summary>
/// The import template (docs/api.md "Import"), made once with the Open XML SDK: the headings on
/// row 1 of the sheet 任务, drop-down lists (data validation) for 类别, 状态 and 期望 down the
/// sheet, and an example with each column's rule as a comment on its heading, never as a row.
/// </summary>
public static class ImportTemplate
{
    private static readonly Lazy<byte[]> Made = new(Make);

    public static byte[] Workbook => Made.Value;

    /// <summary>Each heading's note: what goes there, with an example.</summary>
    public static readonly IReadOnlyDictionary<string, string> Notes = new Dictionary<string, string>
    {
        [TaskSheet.UnitId] = "必填。任务所属单位的编号，如 jgdw-bgs（导出的台账里有）。",
        [TaskSheet.TaskId] = "新任务可留空（自动编号），或填小写字母、数字和连字符，如 study-2027q1。填了已有任务的编号即修改该任务。",
        [TaskSheet.Title] = "新任务必填，最多 200 个字符。例：学习贯彻党的二十届四中全会精神专题研讨",
        [TaskSheet.Track] = "新任务必填：党建 或 业务（下拉选择）。",
        [TaskSheet.Weight] = "大于 0、不超过 1000 的数，留空为 1。例：2",
        [TaskSheet.Start] = "新任务必填。日期，如 2027-01-01 或 2027/1/1。",
        [TaskSheet.Due] = "新任务必填。日期，不早于开始，如 2027-03-31。",
        [TaskSheet.Status] = "未开始、进行中、受阻 或 完成（下拉选择），新任务留空为未开始。",
        [TaskSheet.Progress] = "0 到 100 的整数；完成即 100。例：40",
        [TaskSheet.Note] = "选填，最多 2000 个字符。",
        [TaskSheet.Tags] = "选填，多个用“、”或逗号分开，如 四强、效能目标考核。",
        [TaskSheet.Expectation] = "按进度 或 到期完成（下拉选择），新任务留空为按进度。到期完成：截止前不计滞后，适合例会、主题党日等按期完成的事项。",
        [TaskSheet.Version] = "修改已有任务时填导出时的版本（导出的台账里有），新任务留空。任务在导出后被改过，这一行会被拒绝。",
    };

    /// <summary>Rows the drop-down lists cover (the import's limit).</summary>
    private const int Rows = ImportApi.MaxRows + 1;

    private static byte[] Make()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var columns = TaskSheet.Columns;
            var header = new Row { RowIndex = 1 };
            for (var i = 0; i < columns.Length; i++)
                header.Append(new Cell { CellReference = Reference(i, 1), DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(columns[i])) });

            var validations = new DataValidations();
            validations.Append(List(TaskSheet.Track, TaskSheet.Tracks.Values));
            validations.Append(List(TaskSheet.Status, TaskSheet.Statuses.Values));
            validations.Append(List(TaskSheet.Expectation, [TaskSheet.Linear, TaskSheet.ByDue]));
            validations.Count = (uint)validations.ChildElements.Count;

            var widths = new Columns();
            for (var i = 0; i < columns.Length; i++)
                widths.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i] == TaskSheet.Title ? 40 : columns[i] == TaskSheet.Note ? 30 : 12, CustomWidth = true });

            sheetPart.Worksheet = new Worksheet(widths, new SheetData(header), validations);
            AddComments(sheetPart, columns);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "任务" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static DataValidation List(string column, IEnumerable<string> values)
    {
        var letter = Letter(Array.IndexOf(TaskSheet.Columns, column));
        return new DataValidation
        {
            Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ShowInputMessage = true,
            ErrorTitle = column, Error = $"请从下拉列表中选择：{string.Join("、", values)}",
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letter}2:{letter}{Rows}" },
            Formula1 = new Formula1($"\"{string.Join(",", values)}\""),
        };
    }

    /// <summary>The notes as comments on the headings, with the legacy drawing Excel shows them by.</summary>
    private static void AddComments(WorksheetPart sheetPart, string[] columns)
    {
        var commentsPart = sheetPart.AddNewPart<WorksheetCommentsPart>();
        var list = new CommentList();
        for (var i = 0; i < columns.Length; i++)
            list.Append(new Comment(new CommentText(new Run(new DocumentFormat.OpenXml.Spreadsheet.Text(Notes[columns[i]]) { Space = SpaceProcessingModeValues.Preserve })))
            {
                Reference = Reference(i, 1), AuthorId = 0,
            });
        commentsPart.Comments = new Comments(new Authors(new Author("Cascade")), list);
        var vml = sheetPart.AddNewPart<VmlDrawingPart>();
        ImportTemplateDrawing.Write(vml, columns.Length);
        sheetPart.Worksheet.Append(new LegacyDrawing { Id = sheetPart.GetIdOfPart(vml) });
    }

    public static string Reference(int column, int row) => $"{Letter(column)}{row}";

    private static string Letter(int column) => column < 26 ? ((char)('A' + column)).ToString() : $"{(char)('A' + column / 26 - 1)}{(char)('A' + column % 26)}";
}
