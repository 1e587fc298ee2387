namespace Cascade.Web.Wall;

/// <summary>
/// Identifies the build this server runs (its assembly's module version id, new on every
/// build): a wall that sees it change after a reconnect reloads itself.
/// </summary>
public sealed class ServerBuild
{
    public string Id { get; } = typeof(ServerBuild).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
}
