using System.Globalization;
using System.Text.Json;

namespace Cascade.Tests.Reports;

/// <summary>
/// The year report's figures recomputed from what the task routes answer (docs/domain.md "Year
/// report"), independently of the product's counting: a task of the year is one due in it; done
/// by its due date when <c>doneAt</c> falls on or before its due day (local); overdue at the cut
/// when its due day ended by then and it was not done before it.
/// </summary>
internal static class ReportRecount
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public sealed record Counts(int Count, int Done, int DoneOnTime, int Overdue);

    public static DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly Due(JsonElement task) => DateOnly.ParseExact(task.GetProperty("due").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset? DoneAt(JsonElement task) =>
        task.GetProperty("status").GetString() == "done" && task.GetProperty("doneAt").ValueKind == JsonValueKind.String
            ? task.GetProperty("doneAt").GetDateTimeOffset() : null;

    public static bool OfYear(JsonElement task, int year) => Due(task).Year == year;

    public static bool Done(JsonElement task) => task.GetProperty("status").GetString() == "done";

    public static bool OnTime(JsonElement task) => DoneAt(task) is { } at && at < Midnight(Due(task).AddDays(1));

    public static bool Overdue(JsonElement task, DateTimeOffset cut) =>
        Midnight(Due(task).AddDays(1)) <= cut && !(DoneAt(task) is { } at && at < cut);

    public static Counts Of(IEnumerable<JsonElement> tasks, DateTimeOffset cut)
    {
        var list = tasks.ToList();
        return new(list.Count, list.Count(Done), list.Count(OnTime), list.Count(t => Overdue(t, cut)));
    }

    public static Counts Read(JsonElement counts) => new(
        counts.GetProperty("count").GetInt32(), counts.GetProperty("done").GetInt32(),
        counts.GetProperty("doneOnTime").GetInt32(), counts.GetProperty("overdue").GetInt32());

    public static string? Text(JsonElement task, string name) =>
        task.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string[] Tags(JsonElement task) =>
        task.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [];
}
