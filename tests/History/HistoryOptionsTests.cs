using System.ComponentModel.DataAnnotations;
using Cascade.History;
using Microsoft.Extensions.Configuration;

namespace Cascade.Tests.History;

/// <summary><c>Cascade:History</c>: the defaults of docs/api.md "Configuration", bound from settings, and values out of range refused.</summary>
public sealed class HistoryOptionsTests
{
    private static (HistoryOptions Options, List<ValidationResult> Errors) Bind(Dictionary<string, string?> settings)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(HistoryOptions.Section).Get<HistoryOptions>() ?? new();
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return (options, errors);
    }

    [Fact]
    public void The_defaults_keep_depth_3_for_three_years()
    {
        var (o, errors) = Bind([]);
        Assert.Empty(errors);
        Assert.Equal((3, 1096, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), 500), (o.Depth, o.Keep, o.Check, o.Window, o.Batch));
        var (set, none) = Bind(new() { ["Cascade:History:Depth"] = "5", ["Cascade:History:Keep"] = "365" });
        Assert.Empty(none);
        Assert.Equal((5, 365), (set.Depth, set.Keep));
    }

    [Theory]
    [InlineData("Depth", "11")]
    [InlineData("Depth", "-1")]
    [InlineData("Keep", "0")]
    [InlineData("Check", "00:00:00")]
    [InlineData("Window", "12:00:00")]
    [InlineData("Batch", "0")]
    public void A_value_out_of_range_is_refused(string name, string value)
    {
        var (_, errors) = Bind(new() { [$"Cascade:History:{name}"] = value });
        Assert.Contains(errors, e => e.MemberNames.Contains(name));
    }
}
