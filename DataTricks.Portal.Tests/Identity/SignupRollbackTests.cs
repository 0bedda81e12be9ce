using DataTricks.Domain;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Identity;

public sealed class SignupRollbackTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_database.Settings)
            .Build();
        var services = new ServiceCollection().AddLogging().AddDataTricksDomain(configuration);
        // Fails the sign-up after the customer row has been written, as a crash or a lost race would.
        services.AddScoped<IUserValidator<User>, RefusingUserValidator>();
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_failure_after_the_customer_is_written_leaves_no_customer_and_no_user()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<SignupService>()
                .SignUpAsync(new SignupRequest("Halfway Ltd", "half@halfway.test", "Str0ng-Password!", null), TestContext.Current.CancellationToken);
            Assert.False(result.Succeeded);
        }

        await using var db = _database.CreateContext(TenantScope.System);
        Assert.False(await db.Customers.AnyAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.Users.AnyAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.AuditEvents.AnyAsync(TestContext.Current.CancellationToken));
    }

    private sealed class RefusingUserValidator : IUserValidator<User>
    {
        public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user) =>
            Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "Refused", Description = "Refused by the test." }));
    }
}
