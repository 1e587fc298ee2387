using System.Globalization;
using Cascade.Tasks;
using Cascade.Text;

namespace Cascade.Web.Excel;

/// <summary>
/// A sheet row's cells as task fields, with the task rules' limits and Chinese messages (docs/api.md
/// "Import"). Each reader answers null for a blank cell (the stored value stays) and records a
/// problem under the column's heading.
/// </summary>
public sealed class ImportCells(IReadOnlyDictionary<string, int> columns, IReadOnlyDictionary<int, SheetCell> cells)
{
    private static readonly string[] DateFormats =
        ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm"];

    public List<(string Column, string Message)> Errors { get; } = [];

    private void Fail(string column, string message) => Errors.Add((column, message));

    /// <summary>The cell under <paramref name="column"/>, or null when the sheet has no such column or the cell is blank or unreadable.</summary>
    private SheetCell? Cell(string column)
    {
        if (!columns.TryGetValue(column, out var index) || !cells.TryGetValue(index, out var cell)) return null;
        if (cell.Problem is { } problem)
        {
            Fail(column, problem);
            return null;
        }
        return cell.IsBlank ? null : cell;
    }

    public string? Text(string column)
    {
        if (Cell(column) is not { } cell) return null;
        if (cell.Number is { } n) return Math.Abs(n) < 1e15 && n == Math.Floor(n) ? ((long)n).ToString(CultureInfo.InvariantCulture) : n.ToString("R", CultureInfo.InvariantCulture);
        var text = cell.Text!.Trim();
        return text.Length == 0 ? null : text;
    }

    public string? Id(string column, string what)
    {
        var id = Text(column);
        if (id is not null && !TaskRules.IsValidId(id)) Fail(column, $"{what}“{Shorten(id)}”不合规则：只能用小写字母、数字和连字符，以字母或数字开头，最多 64 个字符");
        return id;
    }

    public string? Title(string column)
    {
        var title = Text(column);
        if (title is null) return null;
        if (title.Length > TaskRules.MaxTitle) Fail(column, $"任务名称最多 {TaskRules.MaxTitle} 个字符（现有 {title.Length} 个）");
        else if (DisplayText.Check("title", title) is not null) Fail(column, "任务名称含有不可显示的字符（如换行或控制字符）");
        return title;
    }

    public string? Note(string column)
    {
        var note = Text(column);
        if (note is not null && note.Length > TaskRules.MaxNote) Fail(column, $"备注最多 {TaskRules.MaxNote} 个字符（现有 {note.Length} 个）");
        return note;
    }

    public T? Choice<T>(string column, IReadOnlyDictionary<T, string> words) where T : struct
    {
        var text = Text(column);
        if (text is null) return null;
        foreach (var (value, word) in words)
            if (word == text) return value;
        Fail(column, $"{column}须为 {string.Join("、", words.Values)} 之一（现为“{Shorten(text)}”）");
        return null;
    }

    public double? Weight(string column)
    {
        if (Number(column, "权重") is not { } weight) return null;
        if (TaskRules.CheckWeight(weight) is not null) Fail(column, $"权重须大于 0、不超过 {TaskRules.MaxWeight}（现为 {weight}）");
        return weight;
    }

    public int? Progress(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        var number = text.EndsWith('%') ? text[..^1].Trim() : text;
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var progress) || TaskRules.CheckProgress(progress) is not null)
        {
            Fail(column, $"进度须为 0 到 100 的整数（现为“{Shorten(text)}”）");
            return null;
        }
        return progress;
    }

    public long? Version(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            Fail(column, $"版本须为导出时的正整数（现为“{Shorten(text)}”）");
            return null;
        }
        return version;
    }

    /// <summary>A date cell (an Excel serial number) or a date typed as text (2026-12-31, 2026/12/31, 2026年12月31日).</summary>
    public DateOnly? Date(string column)
    {
        if (Cell(column) is not { } cell) return null;
        DateOnly? date = null;
        if (cell.Number is { } serial)
        {
            if (serial is >= 1 and < 2958466) date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        else if (DateTime.TryParseExact(cell.Text!.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            date = DateOnly.FromDateTime(parsed);
        if (date is null)
            Fail(column, $"{column}须为日期，如 2026-12-31 或 2026/12/31（现为“{Shorten(cell.Text ?? cell.Number?.ToString(CultureInfo.InvariantCulture) ?? "")}”）");
        else if (TaskRules.CheckDate(date.Value) is not null)
            Fail(column, $"{column}须在 {TaskRules.FirstDate:yyyy-MM-dd} 至 {TaskRules.LastDate:yyyy-MM-dd} 之间");
        return date;
    }

    /// <summary>标签: separated by 、 or a comma (full-width too), each trimmed.</summary>
    public string[]? Tags(string column)
    {
        var text = Text(column);
        if (text is null) return null;
        var tags = text.Split(['、', ',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (TaskRules.CheckTags(tags) is not null)
            Fail(column, $"标签最多 {TaskRules.MaxTags} 个，每个 1 到 {TaskRules.MaxTagLength} 个字符、不能重复，用“、”或逗号分隔");
        return tags;
    }

    private double? Number(string column, string what)
    {
        if (Cell(column) is not { } cell) return null;
        if (cell.Number is { } n) return n;
        if (double.TryParse(cell.Text!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        Fail(column, $"{what}须为数字（现为“{Shorten(cell.Text)}”）");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
