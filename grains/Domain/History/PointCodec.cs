using System.Buffers.Binary;
using System.Text;
using Cascade.Rollup;
using Cascade.Units;

namespace Cascade.History;

/// <summary>
/// A history point's compact stored form (docs/architecture.md "History"); the day and unit id
/// are the row's key and not repeated. Layout, little-endian: a format byte (1); health in the
/// low nibble and kind in the high nibble of one byte; the depth; six ushorts for party, business
/// and all progress and expected (0..10,000, 0xFFFF for null); the lag as a short (-10,000..10,000,
/// <see cref="short.MinValue"/> for null) and the imbalance as a ushort; count, done, overdue,
/// blocked and open alerts as varints; the parent id (varint length + 1, 0 for none, then UTF-8);
/// the name (varint of its byte length times two, plus one for UTF-16, then its bytes: UTF-16
/// when shorter than UTF-8, as for Chinese). About 30 bytes plus the parent and the name.
/// </summary>
public static class PointCodec
{
    private const byte Format = 1;
    private const ushort NoFraction = ushort.MaxValue;

    public static byte[] Encode(HistoryPoint point)
    {
        var f = point.Figures;
        var parent = point.ParentId is null ? [] : Encoding.UTF8.GetBytes(point.ParentId);
        var utf8 = Encoding.UTF8.GetByteCount(point.Name);
        var utf16 = point.Name.Length * 2 < utf8;
        var name = utf16 ? Encoding.Unicode.GetBytes(point.Name) : Encoding.UTF8.GetBytes(point.Name);
        var buffer = new byte[3 + 16 + 5 * 5 + 5 + parent.Length + 5 + name.Length];
        var at = 0;
        buffer[at++] = Format;
        buffer[at++] = (byte)((int)f.Health & 0x0F | ((int)point.Kind & 0x0F) << 4);
        buffer[at++] = (byte)point.Depth;
        foreach (var track in (ReadOnlySpan<TrackPoint>)[f.Party, f.Business, f.All])
        {
            Fraction(buffer, ref at, track.Progress);
            Fraction(buffer, ref at, track.Expected);
        }
        BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(at), f.Lag is { } lag ? (short)Math.Clamp(Math.Round(lag * 10_000), -10_000, 10_000) : short.MinValue);
        at += 2;
        Fraction(buffer, ref at, f.Imbalance);
        foreach (var count in (ReadOnlySpan<int>)[f.Count, f.Done, f.Overdue, f.Blocked, f.OpenAlerts]) Varint(buffer, ref at, (uint)Math.Max(0, count));
        Varint(buffer, ref at, point.ParentId is null ? 0u : (uint)parent.Length + 1);
        parent.CopyTo(buffer, at);
        at += parent.Length;
        Varint(buffer, ref at, (uint)(name.Length * 2 + (utf16 ? 1 : 0)));
        name.CopyTo(buffer, at);
        at += name.Length;
        return buffer[..at];
    }

    public static HistoryPoint Decode(DateOnly day, string unitId, ReadOnlySpan<byte> data)
    {
        if (data.Length < 3 || data[0] != Format) throw new FormatException($"History point {unitId}@{day:yyyy-MM-dd} has an unknown format.");
        var at = 1;
        var health = (Health)(data[at] & 0x0F);
        var kind = (UnitKind)(data[at++] >> 4);
        var depth = data[at++];
        var tracks = new TrackPoint[3];
        for (var i = 0; i < 3; i++) tracks[i] = new TrackPoint(Fraction(data, ref at), Fraction(data, ref at));
        var lagRaw = BinaryPrimitives.ReadInt16LittleEndian(data[at..]);
        at += 2;
        double? lag = lagRaw == short.MinValue ? null : lagRaw / 10_000.0;
        var imbalance = Fraction(data, ref at);
        var counts = new int[5];
        for (var i = 0; i < 5; i++) counts[i] = (int)Varint(data, ref at);
        var parentLength = (int)Varint(data, ref at);
        string? parent = parentLength == 0 ? null : Encoding.UTF8.GetString(data.Slice(at, parentLength - 1));
        if (parentLength > 0) at += parentLength - 1;
        var nameHeader = (int)Varint(data, ref at);
        var nameBytes = data.Slice(at, nameHeader >> 1);
        var name = (nameHeader & 1) == 1 ? Encoding.Unicode.GetString(nameBytes) : Encoding.UTF8.GetString(nameBytes);
        var figures = new PointFigures(health, lag, imbalance, counts[0], counts[1], counts[2], counts[3], counts[4], tracks[0], tracks[1], tracks[2]);
        return new HistoryPoint(day, unitId, parent, name, kind, depth, figures);
    }

    private static void Fraction(byte[] buffer, ref int at, double? value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at), value is { } v ? (ushort)Math.Clamp(Math.Round(v * 10_000), 0, 10_000) : NoFraction);
        at += 2;
    }

    private static double? Fraction(ReadOnlySpan<byte> data, ref int at)
    {
        var raw = BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);
        at += 2;
        return raw == NoFraction ? null : raw / 10_000.0;
    }

    private static void Varint(byte[] buffer, ref int at, uint value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[at++] = (byte)value;
    }

    private static uint Varint(ReadOnlySpan<byte> data, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
