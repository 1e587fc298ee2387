namespace Cascade.Directives;

/// <summary>Where a finding is (docs/domain.md "Findings"): open until its task is done, then awaiting the inspector's confirmation, then closed (销号).</summary>
[GenerateSerializer]
public enum FindingState
{
    Open = 0,
    AwaitingConfirmation = 1,
    Closed = 2,
}
