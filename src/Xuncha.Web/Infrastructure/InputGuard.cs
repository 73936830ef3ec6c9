using System.Text.Json;
using System.Text.Json.Serialization;
using Xuncha.Common;

namespace Xuncha.Web.Infrastructure;

/// <summary>Text with a control character (NUL and the rest of C0, but tab and line breaks) in a query, a route value, a form or JSON.</summary>
public sealed class ControlCharacterException(string? field) : DomainException(Messages.Error_ControlCharacters)
{
    public string? Field { get; } = field;
}

/// <summary>
/// The one place where the whole app refuses control characters in what it is sent (400, in Chinese): query
/// strings, route values and forms here; JSON bodies through <see cref="GuardedStringConverter"/>. Names and
/// codes are held to one line again by the services' validation.
/// </summary>
public sealed class InputGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        // the error page is re-executed with the refused request's query: let it show why
        if (ctx.Request.Path.StartsWithSegments("/error"))
        {
            await next(ctx);
            return;
        }
        foreach (var (key, values) in ctx.Request.Query)
            Check(key, key, values);
        foreach (var (key, value) in ctx.Request.RouteValues)
            if (value is string s) Check(key, s, []);
        if (ctx.Request.HasFormContentType && HttpMethods.IsPost(ctx.Request.Method))
        {
            IFormCollection form;
            try
            {
                form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            }
            catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadHttpRequestException(Messages.Problem_TooLarge, StatusCodes.Status413PayloadTooLarge, e);
            }
            catch (InvalidDataException)
            {
                throw new ControlCharacterException(null); // the form reader itself refuses NUL in a value
            }
            foreach (var (key, values) in form)
                Check(key, key, values);
            foreach (var file in form.Files)
                Check(file.Name, file.FileName, []);
        }
        await next(ctx);
    }

    private static void Check(string field, string? first, IEnumerable<string?> more)
    {
        if (TextRules.HasForbidden(first, multiline: true) || more.Any(v => TextRules.HasForbidden(v, multiline: true)))
            throw new ControlCharacterException(field);
    }
}

/// <summary>Every string read from a JSON body passes the same rule as <see cref="InputGuard"/>.</summary>
public sealed class GuardedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var s = reader.GetString();
        if (TextRules.HasForbidden(s, multiline: true)) throw new JsonException(Messages.Error_ControlCharacters);
        return s;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
