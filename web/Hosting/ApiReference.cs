using Cascade.Web.Identity;
using Scalar.AspNetCore;

namespace Cascade.Web.Hosting;

/// <summary>
/// The OpenAPI document of the API (<c>/openapi/v1.json</c>), made from the routes themselves
/// (their typed answers, their <c>Accepts</c>, their declared refusals), and the interactive
/// reference that reads it (<c>/api/reference</c>, Scalar). Both are for signed-in admins: the
/// document maps every route, which is no secret, but nobody else needs it; a kiosk or another
/// role gets 403 and an anonymous caller 401, as on the API. Scalar's script is served from this
/// app (its package embeds it), never from a CDN, and its fonts, agent, MCP and telemetry are
/// off, so the page talks only to this origin.
/// </summary>
public static class ApiReference
{
    public const string DocumentName = "v1";
    public const string DocumentPattern = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api/reference";

    public static WebApplicationBuilder AddCascadeApiReference(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            // Only the API: the pages, the hub and the probes are described elsewhere (README, docs/operations.md).
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddOperationTransformer(OpenApiShapes.DescribeOperation);
            o.AddDocumentTransformer(OpenApiShapes.AddSignIn);
            o.AddSchemaTransformer(OpenApiShapes.WriteInstantsAsText);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Cascade API";
                document.Info.Description =
                    "Every route needs a signed-in user (bearer token from POST /api/v1/auth/token, or the browser's session cookie); " +
                    "reading routes also take a kiosk token (?kiosk=). Errors are RFC 9457 problem details.";
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapCascadeApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentPattern).RequireAuthorization(AccessExtensions.AdminOnly);
        // The page only: Scalar maps its script and icon beside it open to anyone, like the wall's
        // files they are library code and carry no data.
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("Cascade API")
                .WithOpenApiRoutePattern(DocumentPattern)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                // Its toolbar offers to share the document with Scalar's site: nothing leaves this app.
                .HideDeveloperTools()
                // A fresh nonce on its script tags per request: SecurityHeaders allows exactly that inline script.
                .WithNonce())
            .RequireAuthorization(AccessExtensions.AdminOnly);
        return app;
    }
}
