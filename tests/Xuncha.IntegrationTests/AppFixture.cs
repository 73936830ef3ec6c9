namespace Xuncha.IntegrationTests;

/// <summary>One application on its own database, with the demo organisations, shared by a test class.</summary>
public sealed class DemoApp : XunchaApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadDemoAsync();
    }
}
