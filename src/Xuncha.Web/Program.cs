using Xuncha;
using Xuncha.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var settings = XunchaSettings.From(builder.Configuration);
builder.Services.AddXunchaCore(settings);
builder.Services.AddXunchaWeb(settings, builder.Configuration);

var app = builder.Build();
app.UseXunchaPipeline();
app.MapXunchaEndpoints();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
