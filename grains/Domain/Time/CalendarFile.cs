namespace Cascade.Time;

/// <summary>
/// The working-day calendar's years: the built-in file (an embedded resource, mainland China, each
/// year citing its official notice) or the file <c>Cascade:Calendar:File</c> names, which replaces
/// it entirely. The format is docs/operations.md "Working-day calendar"; <see cref="CalendarParser"/> reads it.
/// </summary>
public static class CalendarFile
{
    private const string Resource = "Cascade.Time.working-days.json";
    private static readonly Lazy<IReadOnlyDictionary<int, CalendarYear>> BuiltInYears = new(ReadBuiltIn);

    /// <summary>The built-in calendar.</summary>
    public static IReadOnlyDictionary<int, CalendarYear> BuiltIn => BuiltInYears.Value;

    /// <summary>The years of <paramref name="path"/>, or the built-in ones without a path; a file that cannot be used throws <see cref="CalendarFileException"/>.</summary>
    public static IReadOnlyDictionary<int, CalendarYear> Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return BuiltIn;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CalendarFileException($"{CalendarOptions.FileSetting} names {path}, which cannot be read: {e.Message}");
        }
        return CalendarParser.Parse(text, path);
    }

    private static IReadOnlyDictionary<int, CalendarYear> ReadBuiltIn()
    {
        using var stream = typeof(CalendarFile).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return CalendarParser.Parse(reader.ReadToEnd(), "the built-in working-day calendar");
    }
}
