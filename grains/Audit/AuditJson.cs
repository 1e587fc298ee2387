using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Audit;

/// <summary>
/// What an audit entry's before and after hold: the resource as the API shows it (camelCase,
/// enums as camelCase strings, dates <c>YYYY-MM-DD</c>, times UTC with a Z), canonical JSON.
/// </summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new UtcTime() },
    };

    public static string? Of(object? value) =>
        value is null ? null : CanonicalJson.Normalize(JsonSerializer.Serialize(value, value.GetType(), Options));

    private sealed class UtcTime : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(AuditEntry.FormatTime(value));
    }
}
