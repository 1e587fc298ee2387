namespace Cascade.Web.Excel;

/// <summary>The first sheet as read: the column of each heading (trimmed) and the rows below it that are not blank.</summary>
public sealed record SheetContent(
    IReadOnlyDictionary<string, int> Columns,
    IReadOnlyList<(int Row, IReadOnlyDictionary<int, SheetCell> Cells)> Rows);
