using System.Text;
using Cascade.History;
using Cascade.Units;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// A unit's structure on a day (parent, name, kind, depth) as <see cref="AzureTableHistoryStore"/>
/// keeps it, once per change: a format byte (1), the kind, the depth, then the parent id and the
/// name, each a length byte or two (a varint) and UTF-8 (an empty parent: none, the root).
/// </summary>
internal sealed record HistoryStructure(string? ParentId, string Name, UnitKind Kind, int Depth)
{
    private const byte Format = 1;

    public static HistoryStructure Of(HistoryPoint p) => new(p.ParentId, p.Name, p.Kind, p.Depth);

    public HistoryPoint Point(DateOnly day, string unitId, PointFigures figures) => new(day, unitId, ParentId, Name, Kind, Depth, figures);

    public byte[] Encode()
    {
        var parent = Encoding.UTF8.GetBytes(ParentId ?? "");
        var name = Encoding.UTF8.GetBytes(Name);
        using var buffer = new MemoryStream(8 + parent.Length + name.Length);
        buffer.WriteByte(Format);
        buffer.WriteByte((byte)Kind);
        Varint(buffer, (uint)Depth);
        Varint(buffer, (uint)parent.Length);
        buffer.Write(parent);
        Varint(buffer, (uint)name.Length);
        buffer.Write(name);
        return buffer.ToArray();
    }

    public static HistoryStructure Decode(byte[] data)
    {
        if (data.Length < 5 || data[0] != Format) throw new FormatException("A history structure has an unknown format.");
        var at = 1;
        var kind = (UnitKind)data[at++];
        var depth = (int)Varint(data, ref at);
        var parentLength = (int)Varint(data, ref at);
        var parent = Encoding.UTF8.GetString(data, at, parentLength);
        at += parentLength;
        var nameLength = (int)Varint(data, ref at);
        return new(parent.Length == 0 ? null : parent, Encoding.UTF8.GetString(data, at, nameLength), kind, depth);
    }

    private static void Varint(MemoryStream buffer, uint value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }

    private static uint Varint(byte[] data, ref int at)
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
