using Cascade.Web.Http;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Cascade.Web.Wall;

/// <summary>The wall page (<c>/wall</c>) and the static files it needs.</summary>
public static class WallPageEndpoints
{
    private const string PageFile = "wall.html";
    private const string MappedKey = "Cascade.Wall.PageMapped";

    public static WebApplication MapCascadeWallPage(this WebApplication app)
    {
        // Safe to call from more than one composition method: a second GET /wall would be ambiguous.
        if (!((IApplicationBuilder)app).Properties.TryAdd(MappedKey, true)) return app;
        // Started from the build output with another working directory (tests do), the content
        // root has no wwwroot: serve the project's files through the build's static web assets
        // manifest, as Development does. A published app has its wwwroot and skips this.
        if (!app.Environment.WebRootFileProvider.GetFileInfo(PageFile).Exists)
            StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, app.Configuration);
        // A wall runs for weeks and reloads itself when the server's build changes: it must
        // then get the new files, not a heuristically cached old copy, so every answer is
        // revalidated (a cheap 304 while nothing changed). Static files only answer requests
        // that no endpoint matched, so /api and /hubs are untouched.
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapMethods("/wall", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, IWebHostEnvironment environment) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Page(environment.WebRootFileProvider);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Page(IFileProvider files)
    {
        var page = files.GetFileInfo(PageFile);
        if (!page.Exists) return TypedResults.NotFound();
        return TypedResults.Stream(page.CreateReadStream(), "text/html; charset=utf-8",
            lastModified: page.LastModified, entityTag: new EntityTagHeaderValue(ETags.Of(page.LastModified, page.Length)));
    }
}
