using System.Text;

namespace Cascade.Audit;

/// <summary>
/// Writes one flat JSON object canonically (<see cref="CanonicalJson"/>), field by field in the
/// order given: the before and after of audit entries, made on every write without reflection.
/// </summary>
public sealed class CanonicalObject
{
    private readonly StringBuilder _json = TextBuffers.Rent().Append('{');

    private CanonicalObject Name(string name)
    {
        if (_json.Length > 1) _json.Append(',');
        CanonicalJson.WriteString(_json, name);
        _json.Append(':');
        return this;
    }

    public CanonicalObject Add(string name, string? value)
    {
        CanonicalJson.WriteString(Name(name)._json, value);
        return this;
    }

    public CanonicalObject Add(string name, double value)
    {
        CanonicalJson.WriteNumber(Name(name)._json, value);
        return this;
    }

    public CanonicalObject Add(string name, bool value)
    {
        Name(name)._json.Append(value ? "true" : "false");
        return this;
    }

    /// <summary>An enum as docs/api.md writes it: its name in camelCase.</summary>
    public CanonicalObject Add<TEnum>(string name, TEnum value) where TEnum : struct, Enum =>
        Add(name, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));

    public CanonicalObject Add(string name, DateOnly value) => Add(name, value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public CanonicalObject Add(string name, DateTimeOffset value) => Add(name, AuditEntry.FormatTime(value));

    public CanonicalObject Add(string name, IEnumerable<string> values)
    {
        Name(name)._json.Append('[');
        var first = true;
        foreach (var value in values)
        {
            if (!first) _json.Append(',');
            first = false;
            CanonicalJson.WriteString(_json, value);
        }
        _json.Append(']');
        return this;
    }

    /// <summary>The object's JSON; call once: the builder goes back to be reused.</summary>
    public override string ToString()
    {
        var text = _json.Append('}').ToString();
        TextBuffers.Return(_json);
        return text;
    }
}
