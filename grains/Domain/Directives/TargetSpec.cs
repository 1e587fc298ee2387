using Cascade.Units;

namespace Cascade.Directives;

/// <summary>
/// Which units a directive reaches: the listed ones, plus, with <see cref="Under"/>, every unit
/// strictly below it whose kind is in <see cref="Kinds"/> (all kinds when null).
/// </summary>
public sealed record TargetSpec(IReadOnlyList<string>? UnitIds, string? Under, IReadOnlyList<UnitKind>? Kinds);
