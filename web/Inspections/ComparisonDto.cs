using Cascade.Inspections;

namespace Cascade.Web.Inspections;

/// <summary>docs/api.md <c>GET /inspections/compare</c>: the two sides' ids (<c>to</c> may be <c>now</c>) and each unit's figures on both.</summary>
public sealed record ComparisonDto(string From, string To, IReadOnlyList<ComparedUnit> Units);
