using Cascade.Web.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cascade.Web.Hosting;

/// <summary>What the OpenAPI generator cannot see by itself, told to it.</summary>
public static class OpenApiShapes
{
    /// <summary>The query parameters a handler reads itself (<see cref="QueryParameter"/>), as optional strings.</summary>
    public static Task AddQueryParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancel)
    {
        foreach (var query in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name, In = ParameterLocation.Query, Description = query.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
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
