namespace Cascade.Web.Excel;

/// <summary>One problem of an imported sheet: the row (the heading is row 1), the column's heading (null: the whole row), why, in Chinese.</summary>
public sealed record ImportError(int Row, string? Column, string Message);
