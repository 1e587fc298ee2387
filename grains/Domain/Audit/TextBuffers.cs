using System.Text;

namespace Cascade.Audit;

/// <summary>One reusable builder per thread for the JSON every write makes (no growth garbage per write).</summary>
internal static class TextBuffers
{
    private const int MaxKept = 16 * 1024;

    [ThreadStatic] private static StringBuilder? _cached;

    public static StringBuilder Rent()
    {
        var builder = _cached;
        if (builder is null) return new StringBuilder(1024);
        _cached = null;
        return builder.Clear();
    }

    public static void Return(StringBuilder builder)
    {
        if (builder.Capacity <= MaxKept) _cached = builder;
    }
}
