using Cascade.Identity;
using Cascade.Web.Identity;
using Cascade.Web.Workbench;
using Microsoft.AspNetCore.Antiforgery;

namespace Cascade.Web.Admin;

/// <summary>
/// The admin console <c>/admin</c>: <c>wwwroot/admin.html</c> with the workbench's shared head and
/// header (<see cref="WorkbenchPage"/>), for admins. Anyone signed out goes to the sign-in form
/// and comes back here; a signed-in person who is not an admin gets a 403 page that says so, in
/// Chinese and English, with a link to the workbench. The page itself only calls the public API
/// (units, users, kiosks), so everything it does is checked and audited there.
/// </summary>
public static class AdminPage
{
    private const string PageFile = "admin.html";

    public static WebApplication MapCascadeAdmin(this WebApplication app)
    {
        app.MapMethods("/admin", [HttpMethods.Get, HttpMethods.Head], Page).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Page(HttpContext context, IAntiforgery antiforgery, IWebHostEnvironment environment)
    {
        var role = context.User.Role();
        if (role is null) return TypedResults.Redirect(WorkbenchPage.SignInAddress(context.Request));
        if (role != Role.Admin)
        {
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Content(Refusal, "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        return await WorkbenchPage.Page(context, antiforgery, environment, PageFile);
    }

    /// <summary>The refusal: no script, no style, nothing from the request.</summary>
    private const string Refusal = """
        <!doctype html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Cascade · 管理</title><link rel="stylesheet" href="/app/app.css"></head>
        <body>
          <main class="page refusal">
            <h1>只有管理员可以打开管理页面</h1>
            <p lang="en">Only admins may open the admin console.</p>
            <p><a href="/app">返回工作台</a> · <a href="/app" lang="en">Back to the workbench</a></p>
          </main>
        </body>
        </html>
        """;
}
