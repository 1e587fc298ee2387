using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cascade.Web.Wall;

/// <summary>
/// A hub message's argument serialized once, with the hub's own JSON settings, and copied
/// as-is into every connection's message: a group of walls costs one serialization, not one
/// per wall.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class EncodedArgument
{
    private readonly byte[] _json;

    private EncodedArgument(byte[] json) => _json = json;

    public static EncodedArgument Encode<T>(T value, JsonSerializerOptions options) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, options));

    /// <summary>How many bytes of JSON each copy writes.</summary>
    public int Length => _json.Length;

    private sealed class Converter : JsonConverter<EncodedArgument>
    {
        public override EncodedArgument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("An encoded argument is only ever written.");

        public override void Write(Utf8JsonWriter writer, EncodedArgument value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._json, skipInputValidation: true);
    }
}
