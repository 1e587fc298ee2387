using Cascade.Web.Workbench;
using Microsoft.AspNetCore.Antiforgery;

namespace Cascade.Web.Inspections;

/// <summary>
/// The inspections' pages, served as the workbench's are (<see cref="WorkbenchPage"/>: signed-in people
/// only, anyone else to the sign-in form and back; the shared head and header put in):
/// <c>/app/inspections</c> (<c>wwwroot/inspections.html</c>: the list, capturing one, one inspection's
/// frozen tree) and the printable report <c>/inspections/{id}?unit=&amp;depth=</c>
/// (<c>wwwroot/inspection.html</c>: A4, print CSS). Their data comes from the API through their scripts.
/// </summary>
public static class InspectionPages
{
    private const string ListFile = "inspections.html";
    private const string PrintFile = "inspection.html";

    public static WebApplication MapInspectionPages(this WebApplication app)
    {
        app.MapMethods("/app/inspections", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, IAntiforgery antiforgery, IWebHostEnvironment environment) =>
            WorkbenchPage.Page(context, antiforgery, environment, ListFile)).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/inspections/{id}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, IAntiforgery antiforgery, IWebHostEnvironment environment) =>
            WorkbenchPage.Page(context, antiforgery, environment, PrintFile)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
