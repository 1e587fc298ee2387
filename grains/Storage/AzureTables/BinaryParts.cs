using Azure.Data.Tables;

namespace Cascade.Storage.AzureTables;

/// <summary>
/// Bytes longer than one binary property holds (64 KiB) spread over properties <c>{name}0</c>,
/// <c>{name}1</c>… of one entity, with <c>{name}Parts</c> saying how many; at most
/// <see cref="MaxPerEntity"/> of them, so the entity stays under the service's 1 MiB.
/// </summary>
internal static class BinaryParts
{
    public const int PartBytes = 64_000;
    public const int MaxPerEntity = 15;

    /// <summary>Puts <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> (at most <see cref="MaxPerEntity"/> parts' worth).</summary>
    public static void Put(TableEntity entity, string name, byte[] data, int offset, int count)
    {
        var parts = Math.Max(1, (count + PartBytes - 1) / PartBytes);
        if (parts > MaxPerEntity) throw new ArgumentOutOfRangeException(nameof(count), $"{count:N0} bytes do not fit one entity.");
        entity[name + "Parts"] = parts;
        for (var i = 0; i < parts; i++)
            entity[name + i] = data.AsSpan(offset + i * PartBytes, Math.Min(PartBytes, count - i * PartBytes)).ToArray();
    }

    /// <summary>The parts' bytes in order, appended to <paramref name="into"/>.</summary>
    public static void Get(TableEntity entity, string name, MemoryStream into)
    {
        var parts = entity.GetInt32(name + "Parts") ?? 0;
        for (var i = 0; i < parts; i++) into.Write(entity.GetBinary(name + i));
    }
}
