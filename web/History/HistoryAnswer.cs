namespace Cascade.Web.History;

/// <summary><c>GET /units/{id}/history</c>: one entry per day from <paramref name="From"/> to <paramref name="To"/>, oldest first.</summary>
public sealed record HistoryAnswer(string UnitId, DateOnly From, DateOnly To, IReadOnlyList<HistoryEntry> Days);
