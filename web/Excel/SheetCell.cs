namespace Cascade.Web.Excel;

/// <summary>
/// One cell as stored: its text, or its number (dates are numbers in a sheet), a formula's cached
/// value as either; <see cref="Problem"/> when the cell cannot be read (a formula never calculated,
/// an error value such as #N/A). Formulas are never evaluated.
/// </summary>
public readonly record struct SheetCell(string? Text, double? Number, string? Problem = null)
{
    public bool IsBlank => Problem is null && Number is null && string.IsNullOrWhiteSpace(Text);
}
