using Cascade.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cascade.Web.Hosting;

/// <summary>What the OpenAPI generator cannot see by itself, told to it.</summary>
public static class OpenApiShapes
{
    /// <summary>
    /// The query parameters and headers a handler reads itself (<see cref="QueryParameter"/>,
    /// <see cref="HeaderParameter"/>), as optional strings; and no sign-in for an anonymous route.
    /// </summary>
    public static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var query in metadata.OfType<QueryParameter>()) Add(operation, query.Name, ParameterLocation.Query, query.Description);
        foreach (var header in metadata.OfType<HeaderParameter>()) Add(operation, header.Name, ParameterLocation.Header, header.Description);
        if (metadata.OfType<IAllowAnonymous>().Any()) operation.Security = [];
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, string name, ParameterLocation place, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = place, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    /// <summary>
    /// How a caller signs in: a bearer token (<c>POST /api/v1/auth/token</c>), the browser's
    /// session cookie (<c>/login</c>), or, for reading, a kiosk token in the query.
    /// </summary>
    public static Task AddSignIn(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var schemes = document.Components.SecuritySchemes;
        schemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The accessToken of POST /api/v1/auth/token.",
        };
        schemes["cookie"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "cascade",
            Description = "The session cookie of /login (__Host-cascade over HTTPS).",
        };
        schemes["kiosk"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "kiosk",
            Description = "A kiosk token: reading its unit and the units below it to its depth only.",
        };
        document.Security = [.. schemes.Keys.Select(name => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] })];
        return Task.CompletedTask;
    }

    /// <summary>
    /// Instants are written by <see cref="UtcTimeConverter"/> as ISO 8601 text; the generator
    /// sees a custom converter and would leave the type out.
    /// </summary>
    public static Task WriteInstantsAsText(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancel)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset)) (schema.Type, schema.Format) = (JsonSchemaType.String, "date-time");
        else if (type == typeof(DateTimeOffset?)) (schema.Type, schema.Format) = (JsonSchemaType.String | JsonSchemaType.Null, "date-time");
        return Task.CompletedTask;
    }
}
