namespace Cascade.Directives;

/// <summary><c>deploying</c> until every target has its copy or a recorded failure.</summary>
[GenerateSerializer]
public enum DirectiveState
{
    Deploying = 0,
    Deployed = 1,
}
