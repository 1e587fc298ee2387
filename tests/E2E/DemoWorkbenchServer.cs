namespace Cascade.Tests.E2E;

/// <summary>A <see cref="WorkbenchServer"/> on the demo department, with 机关党委's three directives.</summary>
public sealed class DemoWorkbenchServer : WorkbenchServer
{
    protected override string[] Settings => ["--Cascade:Demo:Seed=true"];
    protected override bool Demo => true;
}
