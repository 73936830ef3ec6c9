using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xuncha.Accounts;
using Xuncha.Common;
using Xuncha.Data;
using Xuncha.Demo;
using Xuncha.Web.Infrastructure;
using Xunit;

namespace Xuncha.Testing;

/// <summary>
/// The web application on its own fresh database. Use as a class fixture; <see cref="AsAsync{T}"/> runs
/// service code as an actor, <see cref="ClientAsAsync"/> gives an API client signed in with a role.
/// </summary>
public class XunchaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private int _users;

    public TestDatabase Database { get; private set; } = null!;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "xuncha-test-" + Guid.NewGuid().ToString("N")[..12]);
    public string AuditKeyFile => Path.Combine(DataDirectory, "keys", "audit.key");

    /// <summary>Set before start to replace the system clock.</summary>
    public ManualClock? Clock { get; init; }

    /// <summary>Serve on a real port (for the browser); read <see cref="BaseUrl"/> after start.</summary>
    public bool Kestrel { get; init; }

    public string BaseUrl { get; private set; } = "http://localhost";

    /// <summary>The database to run on; by default a fresh clone of the migrated template, dropped at the end.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    protected virtual bool OwnsDatabase => true;

    public virtual async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        if (Kestrel)
        {
            UseKestrel(0);
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }
        else _ = Server;
        await Services.GetRequiredService<SchemaGate>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAppAsync();

    /// <summary>Stops the app and drops its database and files.</summary>
    protected virtual async Task DisposeAppAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase && Database is not null) await Database.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("XUNCHA_DB", Database.AppConnectionString);
        builder.UseSetting("XUNCHA_DB_OWNER", Database.OwnerConnectionString);
        builder.UseSetting("XUNCHA_DATA", DataDirectory);
        builder.UseSetting("XUNCHA_LOGIN_RATE", "100000");
        builder.UseSetting("XUNCHA_REMINDERS", "false");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore.Diagnostics", LogLevel.Critical));
        builder.ConfigureTestServices(s =>
        {
            if (Clock is not null) s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton<IStartupFilter, LoopbackAddress>();
        });
    }

    public static Actor System => Actor.System("test");

    /// <summary>Today on the app's clock (the office's time zone, not the test machine's).</summary>
    public DateOnly Today => Services.GetRequiredService<TimeProvider>().Today();

    /// <summary>Runs work in a fresh scope as the given actor (the way a request or the CLI does).</summary>
    public async Task<T> AsAsync<T>(Actor actor, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Value = actor;
        return await work(scope.ServiceProvider);
    }

    public Task AsAsync(Actor actor, Func<IServiceProvider, Task> work) => AsAsync(actor, async sp => { await work(sp); return true; });

    /// <summary>An actor holding one role, as the web pipeline would build it.</summary>
    public async Task<Actor> ActorAsync(Role role, string? orgCode = null)
    {
        var (name, _) = await CreateUserAsync(role, orgCode);
        return await AsAsync(System, async sp =>
        {
            var db = sp.GetRequiredService<XunchaDbContext>();
            var u = await db.Users.SingleAsync(x => x.UserName == name);
            return new Actor { UserId = u.Id, UserName = name, DisplayName = u.DisplayName, OrganizationId = u.OrganizationId, Roles = new HashSet<Role> { role } };
        });
    }

    /// <summary>A user with a known password that need not be changed (unless asked).</summary>
    public async Task<(string UserName, string Password)> CreateUserAsync(Role? role, string? orgCode = null, bool mustChange = false, string? userName = null)
    {
        var name = userName ?? $"{role?.Key() ?? "norole"}{Interlocked.Increment(ref _users)}x{Guid.NewGuid().ToString("N")[..4]}".Replace("-", "");
        const string password = "Test-Password-2026";
        await AsAsync(System, async sp =>
        {
            var db = sp.GetRequiredService<XunchaDbContext>();
            Guid? org = orgCode is null ? null : await db.Organizations.Where(o => o.Code == orgCode).Select(o => (Guid?)o.Id).SingleAsync();
            if (role == Role.Unit && org is null)
                org = await db.Organizations.Select(o => (Guid?)o.Id).FirstOrDefaultAsync() ?? await SomeOrganizationAsync(sp);
            await sp.GetRequiredService<AccountService>().CreateAsync(new AccountInput(name, "测试" + name, org), role is null ? [] : [role.Value], password);
            if (!mustChange)
            {
                var users = sp.GetRequiredService<XunchaUserManager>();
                var u = await users.FindByNameAsync(name);
                u!.MustChangePassword = false;
                await users.UpdateAsync(u);
            }
        });
        return (name, password);
    }

    /// <summary>Gives an existing account (a demo person, say) a known password that need not be changed.</summary>
    public Task SetPasswordAsync(string userName, string password) => AsAsync(System, async sp =>
    {
        var users = sp.GetRequiredService<XunchaUserManager>();
        var u = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("no user " + userName);
        u.PasswordHash = users.PasswordHasher.HashPassword(u, password);
        u.MustChangePassword = false;
        await users.UpdateAsync(u);
    });

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>An API client with a bearer token for a new user holding the role.</summary>
    public async Task<HttpClient> ClientAsAsync(Role role, string? orgCode = null)
    {
        var (name, password) = await CreateUserAsync(role, orgCode);
        return await ClientForAsync(name, password);
    }

    public async Task<HttpClient> ClientForAsync(string userName, string password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The demo tree, terms and accounts; with history, the whole story of rounds and rectification too.</summary>
    public Task LoadDemoAsync(bool history = false) => AsAsync(System, sp => sp.GetRequiredService<DemoData>().LoadAsync(history));

    public Task<Guid> OrgIdAsync(string code) => AsAsync(System, sp =>
        sp.GetRequiredService<XunchaDbContext>().Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    private static async Task<Guid?> SomeOrganizationAsync(IServiceProvider sp)
    {
        var org = await sp.GetRequiredService<Organizations.OrganizationService>().CreateAsync(
            new Organizations.OrganizationInput("UNIT" + Guid.NewGuid().ToString("N")[..6], "测试党委" + Guid.NewGuid().ToString("N")[..6],
                Organizations.OrganizationType.Committee, null, null));
        return org.Id;
    }

    private sealed record TokenResponse(string AccessToken, int ExpiresIn);

    /// <summary>The in-memory test server has no client address; give requests the loopback one Kestrel would.</summary>
    private sealed class LoopbackAddress : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                ctx.Connection.RemoteIpAddress ??= global::System.Net.IPAddress.Loopback;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
