using System.Buffers.Binary;
using Cascade.Rollup;

namespace Cascade.History;

/// <summary>
/// The compact stored form of a history point's figures (docs/architecture.md "History"); the
/// day and unit id are the row's key, and the unit's parent, name, kind and depth are kept apart,
/// once per change (<see cref="IHistoryStore"/>). Layout, little-endian: a format byte (1); the
/// health; six ushorts for party, business and all progress and expected (0..10,000, 0xFFFF for
/// null); the lag as a short (-10,000..10,000, <see cref="short.MinValue"/> for null) and the
/// imbalance as a ushort; count, done, overdue, blocked and open alerts as varints: 23 bytes for
/// a unit with fewer than 128 tasks and alerts, about 32 for a province's root.
/// </summary>
public static class PointCodec
{
    private const byte Format = 1;
    private const ushort NoFraction = ushort.MaxValue;

    public static byte[] Encode(PointFigures f)
    {
        var buffer = new byte[2 + 16 + 5 * 5];
        var at = 0;
        buffer[at++] = Format;
        buffer[at++] = (byte)f.Health;
        foreach (var track in (ReadOnlySpan<TrackPoint>)[f.Party, f.Business, f.All])
        {
            Fraction(buffer, ref at, track.Progress);
            Fraction(buffer, ref at, track.Expected);
        }
        BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(at), f.Lag is { } lag ? (short)Math.Clamp(Math.Round(lag * 10_000), -10_000, 10_000) : short.MinValue);
        at += 2;
        Fraction(buffer, ref at, f.Imbalance);
        foreach (var count in (ReadOnlySpan<int>)[f.Count, f.Done, f.Overdue, f.Blocked, f.OpenAlerts]) Varint(buffer, ref at, (uint)Math.Max(0, count));
        return buffer[..at];
    }

    public static PointFigures Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != Format) throw new FormatException("A history point has an unknown format.");
        var at = 1;
        var health = (Health)data[at++];
        var tracks = new TrackPoint[3];
        for (var i = 0; i < 3; i++) tracks[i] = new TrackPoint(Fraction(data, ref at), Fraction(data, ref at));
        var lagRaw = BinaryPrimitives.ReadInt16LittleEndian(data[at..]);
        at += 2;
        double? lag = lagRaw == short.MinValue ? null : lagRaw / 10_000.0;
        var imbalance = Fraction(data, ref at);
        var counts = new int[5];
        for (var i = 0; i < 5; i++) counts[i] = (int)Varint(data, ref at);
        return new PointFigures(health, lag, imbalance, counts[0], counts[1], counts[2], counts[3], counts[4], tracks[0], tracks[1], tracks[2]);
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
