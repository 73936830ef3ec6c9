using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Xuncha.Web.Infrastructure;

/// <summary>Title, description and the bearer scheme for /openapi/v1.json.</summary>
public sealed class OpenApiInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Xuncha 巡察工作平台 API",
            Version = "v1",
            Description = "巡察与整改的全部操作。先用 POST /api/v1/auth/login 取得 accessToken，再以 Authorization: Bearer 调用。"
                + "错误一律为 RFC 7807 problem+json，字段错误见 errors。",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "POST /api/v1/auth/login 返回的 accessToken",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Strings are read through <see cref="GuardedStringConverter"/>, a custom converter the schema generator cannot
/// see through: describe them as strings again (nullable where the property is).
/// </summary>
public sealed class GuardedStringSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            var nullable = context.JsonPropertyInfo is { } p ? p.IsGetNullable || p.IsSetNullable : false;
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        return Task.CompletedTask;
    }
}
