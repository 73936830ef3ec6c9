using Xuncha.Notifications;

namespace Xuncha.Web.Infrastructure;

/// <summary>
/// Sends deadline reminders and clears old bookkeeping (<see cref="Common.Housekeeping"/>) once the schema is ready,
/// then every hour (XUNCHA_REMINDERS=false turns it off).
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, SchemaGate gate, IConfiguration config, TimeProvider clock, ILogger<ReminderJob> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.Equals(config["XUNCHA_REMINDERS"], "false", StringComparison.OrdinalIgnoreCase)) return;
        await gate.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Common.CurrentActor>().Value = Common.Actor.System("reminders");
                var sent = await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().RunAsync(stoppingToken);
                if (sent > 0) log.LogInformation("Sent {Count} deadline reminders", sent);
                await scope.ServiceProvider.GetRequiredService<Common.Housekeeping>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Deadline reminders failed; trying again in an hour");
            }
            await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
        }
    }
}
