using System.Globalization;
using Azure.Data.Tables;
using Cascade.History;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// One unit's month of history points in one entity (<see cref="AzureTableHistoryStore"/>):
/// PartitionKey <c>m{yyyyMM}</c>, RowKey the unit id; <c>F{dd}</c> the day's figures in
/// <see cref="PointCodec"/>'s form, <c>S{dd}</c> its structure (<see cref="HistoryStructure"/>)
/// when it differs from the one before it in the entity (the month's first point always has one).
/// A point's structure is the last <c>S</c> on or before its day.
/// </summary>
internal static class HistoryMonth
{
    public static string Partition(DateOnly day) => "m" + day.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public static string F(int day) => "F" + day.ToString("D2", CultureInfo.InvariantCulture);

    public static string S(int day) => "S" + day.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The first day of every month from <paramref name="from"/>'s to <paramref name="to"/>'s.</summary>
    public static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1)) yield return m;
    }

    public static byte[]? Figures(TableEntity entity, int day) => entity.GetBinary(F(day));

    /// <summary>The structure in force on <paramref name="day"/>: the last one stored on or before it.</summary>
    public static HistoryStructure? Structure(TableEntity entity, int day)
    {
        for (var d = day; d >= 1; d--)
            if (entity.GetBinary(S(d)) is { } data) return HistoryStructure.Decode(data);
        return null;
    }

    /// <summary>The point of <paramref name="day"/> (the month's <paramref name="first"/> day's date plus), null when the entity has none.</summary>
    public static HistoryPoint? Point(TableEntity entity, DateOnly first, int day) =>
        Figures(entity, day) is { } figures && Structure(entity, day) is { } structure
            ? structure.Point(first.AddDays(day - 1), entity.RowKey, PointCodec.Decode(figures))
            : null;

    /// <summary>
    /// Adds <paramref name="point"/> to <paramref name="known"/> (what is stored) and to
    /// <paramref name="change"/> (the properties to merge) unless its day is stored: answers
    /// whether it did. A structure differing from the one in force is stored on the day, and the
    /// old one again on the next stored day, if that day relied on it (a day added before others).
    /// </summary>
    public static bool Add(TableEntity known, TableEntity change, HistoryPoint point)
    {
        var day = point.Day.Day;
        if (Figures(known, day) is not null) return false;
        var old = Structure(known, day);
        Set(known, change, F(day), PointCodec.Encode(point.Figures));
        var structure = HistoryStructure.Of(point);
        if (structure == old) return true;
        Set(known, change, S(day), structure.Encode());
        if (old is null) return true;
        for (var next = day + 1; next <= 31; next++)
        {
            if (known.GetBinary(S(next)) is not null) break;
            if (Figures(known, next) is null) continue;
            Set(known, change, S(next), old.Encode());
            break;
        }
        return true;
    }

    /// <summary>
    /// The entity without its days before <paramref name="before"/> (the structure in force on its
    /// first day kept), null when no day is left; <paramref name="pruned"/> says how many points went.
    /// </summary>
    public static TableEntity? Without(TableEntity entity, int before, out int pruned)
    {
        pruned = 0;
        for (var d = 1; d < before; d++)
            if (Figures(entity, d) is not null) pruned++;
        var kept = new TableEntity(entity.PartitionKey, entity.RowKey);
        var first = true;
        for (var d = before; d <= 31; d++)
        {
            if (Figures(entity, d) is not { } figures) continue;
            kept[F(d)] = figures;
            var structure = entity.GetBinary(S(d)) ?? (first ? Structure(entity, d)?.Encode() : null);
            if (structure is not null) kept[S(d)] = structure;
            first = false;
        }
        return first ? null : kept;
    }

    private static void Set(TableEntity known, TableEntity change, string name, byte[] value) => known[name] = change[name] = value;
}
