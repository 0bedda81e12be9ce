namespace DataTricks.Portal.Tests.Support;

/// <summary>A test class whose every test has a <see cref="DomainHarness"/> of its own: its own database, cloud and clock.</summary>
public abstract class DomainTest : IAsyncLifetime
{
    internal DomainHarness Domain { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => Domain.DisposeAsync();
}
