using System.Diagnostics;

namespace Xuncha.Testing;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the real `xuncha` command-line tool (built next to the tests) against a test database.</summary>
public static class CliRunner
{
    public static Task<CliResult> RunAsync(TestDatabase db, string dataDirectory, string? stdin, params string[] args) =>
        RunAsync(db, dataDirectory, stdin, null, args);

    public static async Task<CliResult> RunAsync(TestDatabase db, string dataDirectory, string? stdin, IReadOnlyDictionary<string, string>? environment,
        params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "xuncha.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["XUNCHA_DB"] = db.AppConnectionString;
        psi.Environment["XUNCHA_DB_OWNER"] = db.OwnerConnectionString;
        psi.Environment["XUNCHA_DATA"] = dataDirectory;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        if (stdin is not null) await p.StandardInput.WriteLineAsync(stdin);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return new CliResult(p.ExitCode, await output, await error);
    }
}
