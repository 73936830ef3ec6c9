using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xuncha.Common;

namespace Xuncha.Cli;

/// <summary>Builds the same services the web host uses and runs a command as the console operator.</summary>
internal static class CliHost
{
    public static async Task<int> RunAsync(Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var settings = XunchaSettings.From(config);
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddXunchaCore(settings);
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Value = Actor.System(Environment.UserName);
            return await action(scope.ServiceProvider);
        }
        catch (ValidationException e)
        {
            Console.Error.WriteLine(e.Message);
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages) Console.Error.WriteLine($"  {field}: {m}");
            return 1;
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("XUNCHA_DB", StringComparison.Ordinal))
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"无法连接数据库或数据库出错：{e.Message}");
            return 1;
        }
    }
}
