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
