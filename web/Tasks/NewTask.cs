using Cascade.Tasks;

namespace Cascade.Web.Tasks;

/// <summary>
/// The body of <c>POST /api/v1/units/{id}/tasks</c> as the OpenAPI document shows it. It is read
/// field by field (<see cref="TaskBody.ReadDraft"/>) rather than bound, so that every field's
/// problem is answered in its own words and a repeated name or a lone surrogate is refused.
/// </summary>
/// <param name="Id">Optional: <c>^[a-z0-9][a-z0-9-]{0,63}$</c>; the same id and body again answers 200 and changes nothing.</param>
/// <param name="Title">1 to 200 characters of text.</param>
/// <param name="Weight">Above 0 and at most 1000; 1 when left out.</param>
/// <param name="Start">A calendar date, not after <paramref name="Due"/>.</param>
/// <param name="Note">Optional, at most 2000 characters.</param>
/// <param name="Tags">Optional: at most 10 labels, each 1 to 20 characters after trimming, none repeated.</param>
/// <param name="Expectation">linear (the default: expected progress grows over the window) or atDue (expected only from the end of the window; never stale).</param>
public sealed record NewTask(string? Id, string Title, Track Track, double? Weight, DateOnly Start, DateOnly Due, string? Note, IReadOnlyList<string>? Tags,
    Expectation? Expectation);
