using System.Globalization;
using System.Text.Json;

namespace Cascade.Time;

/// <summary>
/// Reads a working-day calendar file (docs/operations.md "Working-day calendar"):
/// <c>{"years": [{"year", "source", "holidays", "workdays"}]}</c>, each day <c>yyyy-MM-dd</c> or a
/// range <c>yyyy-MM-dd..yyyy-MM-dd</c>. Refuses, naming the file and the line or field, what does
/// not parse, an unknown field, a year given twice, a day listed twice, a day outside its year and a
/// 调休 working day that is no weekend day.
/// </summary>
public static class CalendarParser
{
    private static readonly string[] Fields = ["year", "source", "holidays", "workdays"];
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyDictionary<int, CalendarYear> Parse(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Lenient);
        }
        catch (JsonException e)
        {
            throw new CalendarFileException($"The working-day calendar {file} is not JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("years", out var list) || list.ValueKind != JsonValueKind.Array)
                throw Refused(file, "years", "the file must be an object whose field years is a list of years");
            var years = new Dictionary<int, CalendarYear>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var year = Year(element, file, $"years[{index++}]");
                if (!years.TryAdd(year.Year, year)) throw Refused(file, $"years[{index - 1}].year", $"{year.Year} is given twice");
            }
            return years;
        }
    }

    private static CalendarYear Year(JsonElement element, string file, string at)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Refused(file, at, "each year must be an object with year, source, holidays and workdays");
        foreach (var property in element.EnumerateObject())
            if (!Fields.Contains(property.Name))
                throw Refused(file, $"{at}.{property.Name}", $"is not a field; the fields of a year are {string.Join(", ", Fields)}");
        if (!element.TryGetProperty("year", out var number) || number.ValueKind != JsonValueKind.Number
            || !number.TryGetInt32(out var year) || year < 1900 || year > 9998)
            throw Refused(file, $"{at}.year", "must be a year from 1900 to 9998");
        if (!element.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
            throw Refused(file, $"{at}.source", "must name the official notice the year follows (title, issuing body, date)");
        var seen = new HashSet<DateOnly>();
        var holidays = Days(element, "holidays", year, seen, file, at, weekendOnly: false);
        var workdays = Days(element, "workdays", year, seen, file, at, weekendOnly: true);
        return new CalendarYear(year, source.GetString()!.Trim(), holidays, workdays);
    }

    private static HashSet<DateOnly> Days(JsonElement year, string field, int number, HashSet<DateOnly> seen, string file, string at, bool weekendOnly)
    {
        var days = new HashSet<DateOnly>();
        if (!year.TryGetProperty(field, out var list)) return days;
        if (list.ValueKind != JsonValueKind.Array) throw Refused(file, $"{at}.{field}", "must be a list of days (yyyy-MM-dd) or ranges (yyyy-MM-dd..yyyy-MM-dd)");
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var here = $"{at}.{field}[{index++}]";
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (!TryRange(text, out var first, out var last))
                throw Refused(file, here, $"'{text}' is neither a day (yyyy-MM-dd) nor a range (yyyy-MM-dd..yyyy-MM-dd) from an earlier day to a later one");
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (day.Year != number) throw Refused(file, here, $"{day:yyyy-MM-dd} lies outside the year {number}");
                if (!seen.Add(day)) throw Refused(file, here, $"{day:yyyy-MM-dd} is listed twice in the year {number}");
                if (weekendOnly && CalendarYear.IsWeekday(day))
                    throw Refused(file, here, $"{day:yyyy-MM-dd} is a {day.DayOfWeek}: workdays lists only the weekend days worked (调休); Monday-Friday work anyway");
                days.Add(day);
            }
        }
        return days;
    }

    private static bool TryRange(string text, out DateOnly first, out DateOnly last)
    {
        var parts = text.Split("..");
        last = default;
        first = default;
        if (parts.Length > 2 || !TryDay(parts[0], out first)) return false;
        if (parts.Length == 1)
        {
            last = first;
            return true;
        }
        return TryDay(parts[1], out last) && last > first;
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static CalendarFileException Refused(string file, string field, string why) =>
        new($"The working-day calendar {file}: {field}: {why}.");

    private static string FirstSentence(string message) => message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.');
}
