using System.IO.Compression;
using Orleans.Storage;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// Orleans' binary serializer, Brotli-compressed (fastest level), for Azure Table grain state:
/// an entity holds at most ~960 KB, and a unit at its limits (2,000 tasks, an alert for each)
/// serializes to about that much, mostly text that repeats (an alert quotes its task's title).
/// Compressed it stays far below. One leading byte names the format, so another can follow.
/// </summary>
public sealed class CompressedStateSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    private const byte Brotli = 1;

    public BinaryData Serialize<T>(T? input)
    {
        var raw = inner.Serialize(input).ToMemory();
        using var output = new MemoryStream(raw.Length / 3 + 64);
        output.WriteByte(Brotli);
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true)) brotli.Write(raw.Span);
        return new BinaryData(output.GetBuffer().AsMemory(0, (int)output.Length));
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var data = input.ToMemory();
        if (data.Length == 0 || data.Span[0] != Brotli)
            throw new InvalidDataException($"Stored grain state in an unknown format ({(data.Length == 0 ? "empty" : data.Span[0].ToString())}).");
        using var compressed = new MemoryStream(data[1..].ToArray(), writable: false);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        brotli.CopyTo(raw);
        return inner.Deserialize<T>(new BinaryData(raw.GetBuffer().AsMemory(0, (int)raw.Length)));
    }
}
