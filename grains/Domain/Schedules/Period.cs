using System.Globalization;

namespace Cascade.Schedules;

/// <summary>
/// One calendar period of a <see cref="Cadence"/>: <c>2026-12</c>, <c>2026-q4</c>, <c>2026-h2</c>
/// or <c>2026</c> (<see cref="Index"/> 1-based: the month, quarter or half; 1 for a year). Periods
/// follow the calendar of the organization's zone: a caller gives the local date.
/// </summary>
public readonly record struct Period(Cadence Cadence, int Year, int Index)
{
    private int Months => Cadence switch { Cadence.Month => 1, Cadence.Quarter => 3, Cadence.HalfYear => 6, _ => 12 };

    public DateOnly First => new(Year, (Index - 1) * Months + 1, 1);

    public DateOnly Last => First.AddMonths(Months).AddDays(-1);

    public string Name => Cadence switch
    {
        Cadence.Month => $"{Year:D4}-{Index:D2}",
        Cadence.Quarter => $"{Year:D4}-q{Index}",
        Cadence.HalfYear => $"{Year:D4}-h{Index}",
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    public override string ToString() => Name;

    /// <summary>The period of <paramref name="cadence"/> that holds <paramref name="day"/>.</summary>
    public static Period Of(Cadence cadence, DateOnly day) => cadence switch
    {
        Cadence.Month => new(cadence, day.Year, day.Month),
        Cadence.Quarter => new(cadence, day.Year, (day.Month - 1) / 3 + 1),
        Cadence.HalfYear => new(cadence, day.Year, (day.Month - 1) / 6 + 1),
        _ => new(cadence, day.Year, 1),
    };

    public Period Next() => Of(Cadence, Last.AddDays(1));

    /// <summary>The period <paramref name="months"/> months on (or back): the one holding its first day moved so.</summary>
    public Period AddMonths(int months) => Of(Cadence, First.AddMonths(months));

    public Period Previous() => Of(Cadence, First.AddDays(-1));

    public bool Contains(DateOnly day) => First <= day && day <= Last;

    /// <summary>Orders periods of one cadence.</summary>
    public int CompareTo(Period other) => (Year, Index).CompareTo((other.Year, other.Index));

    /// <summary>
    /// The due date of <paramref name="dueDay"/> in this period: 0 is the period's last day; 1..31
    /// that day of its last month, or the month's last day when it is shorter.
    /// </summary>
    public DateOnly Due(int dueDay)
    {
        var last = Last;
        return dueDay <= 0 ? last : new DateOnly(last.Year, last.Month, Math.Min(dueDay, last.Day));
    }

    /// <summary>Reads a period name of any cadence (<c>2026-12</c>, <c>2026-q4</c>, <c>2026-h2</c>, <c>2026</c>); no allocation.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Period period)
    {
        period = default;
        if (s.Length < 4 || !int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1) return false;
        if (s.Length == 4) { period = new(Cadence.Year, year, 1); return true; }
        if (s[4] != '-') return false;
        var rest = s[5..];
        if (rest.Length == 2 && char.IsAsciiDigit(rest[0]) && char.IsAsciiDigit(rest[1]))
        {
            var month = (rest[0] - '0') * 10 + rest[1] - '0';
            if (month is < 1 or > 12) return false;
            period = new(Cadence.Month, year, month);
            return true;
        }
        if (rest.Length != 2 || !char.IsAsciiDigit(rest[1])) return false;
        var index = rest[1] - '0';
        if (rest[0] == 'q' && index is >= 1 and <= 4) { period = new(Cadence.Quarter, year, index); return true; }
        if (rest[0] == 'h' && index is >= 1 and <= 2) { period = new(Cadence.HalfYear, year, index); return true; }
        return false;
    }

    /// <summary>True when <paramref name="name"/> names a period (of any cadence) that holds <paramref name="day"/>: a duty of now.</summary>
    public static bool Holds(string? name, DateOnly day) => TryParse(name.AsSpan(), out var p) && p.Contains(day);

    /// <summary>Reads a period of <paramref name="cadence"/>; false for another cadence's name.</summary>
    public static bool TryParse(string? s, Cadence cadence, out Period period) =>
        TryParse(s.AsSpan(), out period) && period.Cadence == cadence;
}
