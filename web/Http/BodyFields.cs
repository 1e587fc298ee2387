using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cascade.Web.Http;

/// <summary>
/// Reads the fields of a JSON object one by one, collecting every problem by field name
/// (problem details <c>errors</c>) instead of stopping at the first.
/// </summary>
public sealed partial class BodyFields
{
    private readonly JsonElement _root;
    private readonly Dictionary<string, List<string>> _errors = [];
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    private readonly BodyFields? _parent;
    private readonly string _prefix = "";

    /// <summary>A nested object's fields: their problems are the parent's, named <c>{name}.{field}</c>.</summary>
    private BodyFields(JsonElement root, BodyFields parent, string name)
    {
        _root = root;
        _parent = parent;
        _prefix = name + ".";
    }

    /// <summary>The object in <paramref name="name"/> (problems recorded when absent and required, or not an object).</summary>
    public BodyFields? Object(string name, bool required = false)
    {
        if (Get(name, required, false) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Object) return new BodyFields(value, this, name);
        Fail(name, $"{name} must be an object.");
        return null;
    }

    public BodyFields(RequestBody body)
    {
        if (body.ParseError is not null) Fail("$", body.ParseError);
        else if (body.Root is not { ValueKind: JsonValueKind.Object } root) Fail("$", "The body must be a JSON object.");
        else _root = root;
    }

    public bool IsObject => _root.ValueKind == JsonValueKind.Object;
    public bool HasErrors => _parent?.HasErrors ?? _errors.Count > 0;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Fail(string field, string message)
    {
        if (_parent is not null)
        {
            _parent.Fail(_prefix + field, message);
            return;
        }
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>True when the field is present (even as null).</summary>
    public bool Has(string name)
    {
        _asked.Add(name);
        return IsObject && _root.TryGetProperty(name, out _);
    }

    /// <summary>The JSON kind of the field, null when absent.</summary>
    public JsonValueKind? KindOf(string name)
    {
        _asked.Add(name);
        return IsObject && _root.TryGetProperty(name, out var v) ? v.ValueKind : null;
    }

    public bool IsNull(string name)
    {
        _asked.Add(name);
        return IsObject && _root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Null;
    }

    /// <summary>
    /// Every field name a reader asked for, present or not: what the body may hold, which the
    /// tests hold equal to the request record the OpenAPI document shows for it.
    /// </summary>
    public IReadOnlySet<string> Asked => _asked;

    private JsonElement? Get(string name, bool required, bool nullable)
    {
        _asked.Add(name);
        if (!IsObject) return null;
        if (!_root.TryGetProperty(name, out var value))
        {
            if (required) Fail(name, $"{name} is required.");
            return null;
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!nullable) Fail(name, $"{name} may not be null.");
            return null;
        }
        return value;
    }

    public string? String(string name, bool required = false, bool nullable = false, bool trim = false)
    {
        if (Get(name, required, nullable) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) { Fail(name, $"{name} must be a string."); return null; }
        var text = value.GetString()!;
        return trim ? text.Trim() : text;
    }

    public double? Number(string name, bool required = false)
    {
        if (Get(name, required, false) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Fail(name, $"{name} must be a finite number.");
            return null;
        }
        return number;
    }

    public bool? Bool(string name, bool required = false)
    {
        if (Get(name, required, false) is not { } value) return null;
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) { Fail(name, $"{name} must be true or false."); return null; }
        return value.GetBoolean();
    }

    public int? Integer(string name, bool required = false)
    {
        if (Get(name, required, false) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Fail(name, $"{name} must be an integer.");
            return null;
        }
        return number;
    }

    // ASCII digits and \z: .NET's \d takes any script's digits and "$" allows a final newline.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex DatePattern();

    public DateOnly? Date(string name, bool required = false)
    {
        if (String(name, required) is not { } text) return null;
        if (!DatePattern().IsMatch(text)
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(name, $"{name} must be a calendar date YYYY-MM-DD.");
            return null;
        }
        return date;
    }

    /// <summary>An enum written in camelCase, exactly.</summary>
    public T? Enum<T>(string name, bool required = false) where T : struct, Enum
    {
        if (String(name, required) is not { } text) return null;
        foreach (var candidate in System.Enum.GetValues<T>())
            if (JsonNamingPolicy.CamelCase.ConvertName(candidate.ToString()) == text) return candidate;
        var allowed = string.Join(", ", System.Enum.GetValues<T>().Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString())));
        Fail(name, $"{name} must be one of: {allowed}.");
        return null;
    }

    /// <summary>An array of strings, each trimmed when <paramref name="trim"/>; null when absent or wrong (then recorded).</summary>
    public string[]? Strings(string name, bool trim = false)
    {
        if (Get(name, false, false) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array) { Fail(name, $"{name} must be an array of strings."); return null; }
        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) { Fail(name, $"{name} must be an array of strings."); return null; }
            var text = item.GetString()!;
            list.Add(trim ? text.Trim() : text);
        }
        return [.. list];
    }

    /// <summary>Records <paramref name="message"/> when it is not null (the domain rules return null for "fine").</summary>
    public void Check(string name, string? message)
    {
        if (message is not null) Fail(name, message);
    }
}
