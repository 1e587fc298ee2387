namespace Cascade.Web.Wall;

/// <summary>The wall page (<c>/wall</c>) and the static files it needs.</summary>
public static class WallPageEndpoints
{
    public static WebApplication MapCascadeWallPage(this WebApplication app) => app;
}
