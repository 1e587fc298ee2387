using System.Reflection;
using Cascade.Rollup;

namespace Cascade.Tests.Unit;

/// <summary>
/// The roll-up's figures are written out field by field, for speed (docs/domain.md "Roll-up": the
/// hottest path adds them with no allocation and no reflection). This checks the copies agree: a
/// field added to one side and not the other fails here.
/// </summary>
public sealed class TrackMirrorTests
{
    private static readonly string[] WeightedSums = [nameof(TrackTotals.ProgressWeight), nameof(TrackTotals.ExpectedWeight)];

    private static TrackTotals Numbered(int from)
    {
        var values = typeof(TrackTotals).GetConstructors().Single().GetParameters()
            .Select((p, i) => p.ParameterType == typeof(int) ? (object)(from + i) : from + i + 0.5).ToArray();
        return (TrackTotals)typeof(TrackTotals).GetConstructors().Single().Invoke(values);
    }

    private static IEnumerable<PropertyInfo> Stored(Type type) =>
        type.GetProperties().Where(p => p.GetCustomAttribute<IdAttribute>() is not null);

    [Fact]
    public void A_track_summary_shows_every_total_but_the_weighted_sums_and_says_progress_and_expected()
    {
        var totals = Numbered(1);
        var summary = TrackSummary.From(totals);
        var shown = Stored(typeof(TrackSummary)).Select(p => p.Name).ToHashSet();
        foreach (var field in Stored(typeof(TrackTotals)).Where(p => !WeightedSums.Contains(p.Name)))
        {
            Assert.Contains(field.Name, shown);
            Assert.Equal(field.GetValue(totals), typeof(TrackSummary).GetProperty(field.Name)!.GetValue(summary));
        }
        Assert.Equal((totals.Progress, totals.Expected), (summary.Progress, summary.Expected));
        Assert.Equal(Stored(typeof(TrackTotals)).Count() - WeightedSums.Length + 2, shown.Count);
    }

    [Fact]
    public void Adding_totals_adds_every_field()
    {
        var (a, b) = (Numbered(1), Numbered(100));
        var sum = a + b;
        foreach (var field in Stored(typeof(TrackTotals)))
            Assert.Equal(Convert.ToDouble(field.GetValue(a)) + Convert.ToDouble(field.GetValue(b)), Convert.ToDouble(field.GetValue(sum)));

        var x = new SubtreeTotals(a, b, 1, 2, 3, 4, new Duties(5, 6));
        var y = new SubtreeTotals(b, a, 10, 20, 30, 40, new Duties(50, 60));
        var total = x + y;
        Assert.Equal((sum, sum, 11, 22, 33, 44, new Duties(55, 66)), (total.Party, total.Business, total.Units, total.RedUnits, total.AmberUnits, total.OpenAlerts, total.Duties));
        Assert.Equal(7, Stored(typeof(SubtreeTotals)).Count()); // a new field must be added in operator + too
    }
}
