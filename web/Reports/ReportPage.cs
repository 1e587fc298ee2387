using Cascade.Web.Identity;
using Cascade.Web.Workbench;

namespace Cascade.Web.Reports;

/// <summary>
/// The printable year report <c>/report?unit=&amp;year=</c> (<c>wwwroot/report.html</c>, A4 print
/// CSS): for a signed-in person (a kiosk token opens walls, not this), else the sign-in form,
/// which comes back here with the same query. Its figures come from <c>GET /units/{id}/report</c>.
/// </summary>
public static class ReportPage
{
    private const string PageFile = "report.html";

    public static WebApplication MapCascadeReportPage(this WebApplication app)
    {
        app.MapMethods("/report", [HttpMethods.Get, HttpMethods.Head], async (HttpContext context, IWebHostEnvironment environment) =>
        {
            if (context.User.Role() is null) return TypedResults.Redirect(WorkbenchPage.SignInAddress(context.Request));
            var page = environment.WebRootFileProvider.GetFileInfo(PageFile);
            if (!page.Exists) return Results.NotFound();
            using var reader = new StreamReader(page.CreateReadStream());
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(await reader.ReadToEndAsync(), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
