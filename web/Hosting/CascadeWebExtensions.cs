using System.Text.Json;
using System.Text.Json.Serialization;
using Cascade.Hosting;
using Cascade.Web.Admin;
using Cascade.Web.Notifications;
using Cascade.Web.Alerts;
using Cascade.Web.Silences;
using Cascade.Web.Audit;
using Cascade.Web.Demo;
using Cascade.Web.Directives;
using Cascade.Web.Schedules;
using Cascade.Web.Excel;
using Cascade.Web.History;
using Cascade.Web.Http;
using Cascade.Web.Identity;
using Cascade.Notifications.Channels;
using Cascade.Web.Findings;
using Cascade.Web.Inspections;
using Cascade.Web.Operations;
using Cascade.Web.Tasks;
using Cascade.Web.Units;
using Cascade.Web.Reports;
using Cascade.Web.Wall;
using Cascade.Web.Workbench;
using Microsoft.AspNetCore.Http.Json;

namespace Cascade.Web.Hosting;

public static class CascadeWebExtensions
{
    /// <summary>The whole product on one host: a co-hosted silo, the API and the start-up work.</summary>
    public static WebApplicationBuilder AddCascade(this WebApplicationBuilder builder)
    {
        builder.AddCascadeNode();
        // A wrong Cascade:PublicUrl stops the start, not the first kiosk link.
        PublicAddress.Configured(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
            kestrel.Limits.MaxRequestLineSize = LongUrls.KestrelLimit;
            kestrel.Limits.MaxRequestHeadersTotalSize = LongUrls.KestrelLimit + 32 * 1024;
        });
        builder.Services.AddExceptionHandler<StorageFailures>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path} answered {context.ProblemDetails.Status}.");
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new UtcTimeConverter());
            // Numbers are numbers: the web defaults would also read "5" as 5, and the OpenAPI
            // document would say so of every number, though no body is bound with these options.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.AddCascadeKeyRing();
        builder.AddCascadeAccess();
        builder.AddCascadeDemo();
        builder.AddCascadeWall();
        builder.AddCascadeOperations();
        builder.AddCascadeApiReference();
        builder.Services.AddOptions<Cascade.Directives.DirectiveOptions>().BindConfiguration(Cascade.Directives.DirectiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<StartupPass>();
        return builder;
    }

    public static WebApplication MapCascade(this WebApplication app)
    {
        app.UseCascadeForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = error => error switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseLongUrlRefusal();
        // The wall's page and files first: they carry no data and need no sign-in.
        app.MapCascadeWall();
        app.UseCascadeAccess();
        app.MapCascadeOperations();
        app.MapLoginPage();
        app.MapCascadeWorkbench();
        app.MapCascadeReportPage();
        app.MapInspectionPages();
        app.MapCascadeAdmin();
        // Every API route may answer 401 (no or an ended credential; a wrong password for a token)
        // and 503 (the storage did not confirm a change: StorageFailures).
        app.MapGroup("/api/v1").Refuses(StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable)
            .MapAuthApi().MapUsersApi().MapKiosksApi().MapUnitsApi().MapHistoryApi().MapTasksApi().MapTasksExport().MapImportApi().MapDirectivesApi().MapSchedulesApi().MapAlertsApi().MapSilencesApi().MapAuditApi().MapInspectionsApi().MapFindingsApi().MapReportsApi().MapNotifyApi().MapChannelTestApi();
        app.MapCascadeApiReference();
        return app;
    }
}
