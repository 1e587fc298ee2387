using Cascade.Tasks;

namespace Cascade.Web.Tasks;

/// <summary>
/// The body of <c>PATCH /api/v1/units/{id}/tasks/{taskId}</c>, a JSON merge patch (RFC 7396): a
/// field left out is unchanged, <c>"note": null</c> clears the note. Read by <see cref="TaskBody.ReadPatch"/>.
/// </summary>
/// <param name="Progress">0 to 100; exactly 100 when the status is done.</param>
/// <param name="Tags">The whole new list of labels (it replaces the stored one; [] or null clears it): at most 10, each 1 to 20 characters after trimming, none repeated.</param>
public sealed record TaskChanges(
    string? Title, Track? Track, double? Weight, DateOnly? Start, DateOnly? Due, TaskItemStatus? Status, int? Progress, string? Note,
    IReadOnlyList<string>? Tags, Expectation? Expectation);
