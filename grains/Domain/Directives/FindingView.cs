namespace Cascade.Directives;

/// <summary>A finding as read: its owner's record (with the finding part) and its task as the inspected unit last reported it (null until placed).</summary>
[GenerateSerializer, Immutable, Alias("cascade.finding-view")]
public sealed record FindingView(
    [property: Id(0)] Directive Directive,
    [property: Id(1)] CopyRow? Task)
{
    public Finding Finding => Directive.Finding!;
}
