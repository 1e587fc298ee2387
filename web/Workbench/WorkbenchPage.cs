using System.Text.Encodings.Web;
using Cascade.Web.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.FileProviders;

namespace Cascade.Web.Workbench;

/// <summary>
/// The branch workbench <c>/app</c>: the page for a signed-in person (a kiosk token opens walls,
/// not this), else the sign-in form, which comes back here with the same query. The page is
/// <c>wwwroot/app.html</c> (the ledger <c>/app/alerts</c>: <c>wwwroot/ledger.html</c>; then and now <c>/app/compare</c>: <c>wwwroot/compare.html</c>) with the
/// shared head and header of <c>wwwroot/app/chrome.html</c> put in at its <c>&lt;!--chrome:head--&gt;</c>
/// and <c>&lt;!--chrome:header--&gt;</c>, and the sign-out form's antiforgery field filled in; everything
/// else it shows comes from the API through its own scripts. <c>/</c> leads here.
/// </summary>
public static class WorkbenchPage
{
    private const string PageFile = "app.html";
    private const string LedgerFile = "ledger.html";
    private const string CompareFile = "compare.html";
    private const string ChromeFile = "app/chrome.html";
    private const string AntiforgeryMarker = "<!--antiforgery-->";
    private const string HeadPart = "<!--head-->";
    private const string HeaderPart = "<!--header-->";

    public static WebApplication MapCascadeWorkbench(this WebApplication app)
    {
        app.MapMethods("/app", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, IAntiforgery antiforgery, IWebHostEnvironment environment) =>
            Page(context, antiforgery, environment, PageFile)).AllowAnonymous().ExcludeFromDescription();
        // The alert ledger (督办台账): the same sign-in, its own page.
        app.MapMethods("/app/alerts", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, IAntiforgery antiforgery, IWebHostEnvironment environment) =>
            Page(context, antiforgery, environment, LedgerFile)).AllowAnonymous().ExcludeFromDescription();
        // 此前与现在 (then and now): two dates or inspections of a unit side by side.
        app.MapMethods("/app/compare", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, IAntiforgery antiforgery, IWebHostEnvironment environment) =>
            Page(context, antiforgery, environment, CompareFile)).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], () => TypedResults.Redirect("/app")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    internal static async Task<IResult> Page(HttpContext context, IAntiforgery antiforgery, IWebHostEnvironment environment, string file)
    {
        // Role() is null for anyone who is not a person: anonymous, a failed credential, a kiosk.
        if (context.User.Role() is null) return TypedResults.Redirect(SignInAddress(context.Request));
        var page = environment.WebRootFileProvider.GetFileInfo(file);
        var chrome = environment.WebRootFileProvider.GetFileInfo(ChromeFile);
        if (!page.Exists || !chrome.Exists) return TypedResults.NotFound();
        var html = WithChrome(await Read(page), await Read(chrome));
        var tokens = antiforgery.GetAndStoreTokens(context);
        var field = $"<input type=\"hidden\" name=\"{HtmlEncoder.Default.Encode(tokens.FormFieldName)}\" value=\"{HtmlEncoder.Default.Encode(tokens.RequestToken ?? "")}\">";
        // The page holds a token bound to this person's session: never kept by a cache.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html.Replace(AntiforgeryMarker, field, StringComparison.Ordinal), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The page with the shared parts put in: chrome.html is <c>&lt;!--head--&gt;</c> followed by the
    /// head's lines, then <c>&lt;!--header--&gt;</c> followed by the body's first lines.
    /// </summary>
    internal static string WithChrome(string page, string chrome)
    {
        var header = chrome.IndexOf(HeaderPart, StringComparison.Ordinal);
        var head = chrome.IndexOf(HeadPart, StringComparison.Ordinal);
        if (head < 0 || header < head) throw new InvalidOperationException($"{ChromeFile} needs {HeadPart} and then {HeaderPart}.");
        return page
            .Replace("<!--chrome:head-->", chrome[(head + HeadPart.Length)..header].Trim(), StringComparison.Ordinal)
            .Replace("<!--chrome:header-->", chrome[(header + HeaderPart.Length)..].Trim(), StringComparison.Ordinal);
    }

    /// <summary><c>/login</c> with this very address (its query, less any kiosk token) to come back to, in the page's language.</summary>
    internal static string SignInAddress(HttpRequest request)
    {
        var query = new QueryBuilder(request.Query
            .Where(pair => pair.Key != KioskAuthentication.QueryName)
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? ""))));
        var back = request.Path.Value + query.ToQueryString().Value;
        var lang = request.Query["lang"].ToString() == "en" ? "&lang=en" : "";
        return $"/login?returnUrl={Uri.EscapeDataString(back)}{lang}";
    }

    private static async Task<string> Read(IFileInfo file)
    {
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
