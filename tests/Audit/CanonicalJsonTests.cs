using System.Text;
using Cascade.Audit;

namespace Cascade.Tests.Audit;

/// <summary>The hash input is what JavaScript's JSON.stringify writes; these are its answers.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(100.0, "100")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.0, "0")]
    public void Numbers_are_written_as_ecmascript_does(double value, string expected)
    {
        var json = new StringBuilder();
        CanonicalJson.WriteNumber(json, value);
        Assert.Equal(expected, json.ToString());
    }

    [Fact]
    public void Strings_escape_only_quotes_backslashes_and_control_characters()
    {
        var json = new StringBuilder();
        CanonicalJson.WriteString(json, "党建 \"业务\" \\ <script>&\n\t\u0001 😀 \ud800");
        Assert.Equal("\"党建 \\\"业务\\\" \\\\ <script>&\\n\\t\\u0001 😀 \\ud800\"", json.ToString());
    }

    [Fact]
    public void Objects_keep_their_key_order_and_lose_whitespace()
    {
        Assert.Equal("{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{\"d\":0.25}}",
            CanonicalJson.Normalize("{ \"b\": 1.0, \"a\": [ true, null, \"x\" ], \"c\": { \"d\": 2.5e-1 } }"));
    }
}
