using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cascade.Audit;

/// <summary>
/// JSON exactly as JavaScript's <c>JSON.stringify</c> writes it (no whitespace, keys in the
/// given order, only <c>"</c>, <c>\</c> and control characters escaped, numbers in ECMAScript's
/// shortest form): the audit hash input, so anyone can recompute a hash from the API's answer
/// with the JSON library at hand.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Rewrites <paramref name="json"/> canonically; null stays null.</summary>
    public static string? Normalize(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        var builder = new StringBuilder(json.Length);
        Write(builder, document.RootElement);
        return builder.ToString();
    }

    public static void Write(StringBuilder into, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                into.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!first) into.Append(',');
                    first = false;
                    WriteString(into, property.Name);
                    into.Append(':');
                    Write(into, property.Value);
                }
                into.Append('}');
                break;
            case JsonValueKind.Array:
                into.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0) into.Append(',');
                    Write(into, item);
                }
                into.Append(']');
                break;
            case JsonValueKind.String: WriteString(into, value.GetString()!); break;
            case JsonValueKind.Number: WriteNumber(into, value.GetDouble()); break;
            case JsonValueKind.True: into.Append("true"); break;
            case JsonValueKind.False: into.Append("false"); break;
            default: into.Append("null"); break;
        }
    }

    public static void WriteString(StringBuilder into, string? value)
    {
        if (value is null) { into.Append("null"); return; }
        into.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': into.Append("\\\""); break;
                case '\\': into.Append("\\\\"); break;
                case '\b': into.Append("\\b"); break;
                case '\f': into.Append("\\f"); break;
                case '\n': into.Append("\\n"); break;
                case '\r': into.Append("\\r"); break;
                case '\t': into.Append("\\t"); break;
                default:
                    var lone = char.IsHighSurrogate(c) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
                    if (c < 0x20 || lone) into.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else into.Append(c);
                    break;
            }
        }
        into.Append('"');
    }

    /// <summary>ECMAScript's Number::toString: shortest round-trip digits, exponent only below 1e-6 or from 1e21.</summary>
    public static void WriteNumber(StringBuilder into, double value)
    {
        if (!double.IsFinite(value)) { into.Append("null"); return; }
        if (value == 0) { into.Append('0'); return; }
        if (value < 0) { into.Append('-'); value = -value; }
        // "R" gives the shortest round-trip digits (.NET Core 3.0 and later): split them from the exponent.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Split(shortest);
        var k = digits.Length;
        var n = exponent + 1; // the decimal point sits after n digits
        if (k <= n && n <= 21) into.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) into.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        else if (-6 < n && n <= 0) into.Append("0.").Append('0', -n).Append(digits);
        else
        {
            into.Append(digits[0]);
            if (k > 1) into.Append('.').Append(digits, 1, k - 1);
            into.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>"1.25E-07" or "0.000125" or "125" into significant digits "125" and the exponent of the first.</summary>
    private static (string Digits, int Exponent) Split(string shortest)
    {
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var whole = point < 0 ? mantissa : mantissa[..point];
        var all = whole + (point < 0 ? "" : mantissa[(point + 1)..]);
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        if (digits.Length == 0) digits = "0";
        return (digits, exponent + whole.Length - 1 - leading);
    }
}
