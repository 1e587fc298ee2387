using System.IO.Compression;
using Cascade.Inspections;
using Orleans.Serialization;

namespace Cascade.Storage;

/// <summary>
/// How every inspection store encodes a frozen unit: its row in Orleans' binary form (small, read by
/// trees), its tasks and alerts in Orleans' binary form compressed with Brotli per unit (a unit's
/// tasks repeat field tags, dates and words: tests/Inspections measures a unit of ten tasks).
/// </summary>
public sealed class FrozenCodec(Serializer serializer)
{
    /// <summary>Brotli's quality 5 of 11: most of the gain of the slow levels at a fraction of their time.</summary>
    private const int Quality = 5;
    private const int Window = 22;

    public byte[] Row(FrozenUnit row) => serializer.SerializeToArray(row);

    public FrozenUnit Row(byte[] data) => serializer.Deserialize<FrozenUnit>(data)!;

    public byte[] Header(InspectionHeader header) => serializer.SerializeToArray(header);

    public InspectionHeader Header(byte[] data) => serializer.Deserialize<InspectionHeader>(data)!;

    public byte[] Work(UnitSnapshot work)
    {
        var raw = serializer.SerializeToArray(work);
        var packed = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, packed, out var written, Quality, Window))
            throw new InvalidOperationException("A frozen unit did not compress.");
        return packed.AsSpan(0, written).ToArray();
    }

    public UnitSnapshot Work(byte[] data)
    {
        using var input = new MemoryStream(data, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        brotli.CopyTo(raw);
        return serializer.Deserialize<UnitSnapshot>(raw.ToArray())!;
    }
}
