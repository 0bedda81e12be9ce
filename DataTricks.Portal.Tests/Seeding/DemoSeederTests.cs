using DataTricks.Domain;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Infrastructure.Seeding;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Seeding;

public sealed class DemoSeederTests : IDisposable
{
    private readonly TempDatabase _file = new();
    private readonly ServiceProvider _services;

    public DemoSeederTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_file.Settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Seed:Demo"] = "true" })
            .Build();
        _services = new ServiceCollection().AddLogging().AddDataTricksDomain(configuration).UseFastPasswordHashing().BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _file.Dispose();
    }

    [Fact]
    public async Task Starting_twice_leaves_one_copy_of_the_demo()
    {
        await InitializeAsync();
        var first = await CountAsync();

        await InitializeAsync();

        Assert.Equal(first, await CountAsync());
        Assert.Equal((3, 6, 3, 3, 4), first);
    }

    [Fact]
    public async Task Demo_users_log_in_with_the_documented_password_and_have_their_roles()
    {
        await InitializeAsync();

        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        // Looked up across customers, as sign-in does: an address is unique within one customer only.
        var admin = await users.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == "ADMIN@ACME.TEST", TestContext.Current.CancellationToken);
        var support = await users.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == "SUPPORT@DATATRICKS.TEST", TestContext.Current.CancellationToken);

        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, DemoSeedOptions.DemoPassword));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.NotNull(support);
        Assert.True(await users.IsInRoleAsync(support, Roles.Support));
    }

    [Fact]
    public async Task Rows_written_before_sort_keys_existed_get_theirs_at_the_next_start()
    {
        await InitializeAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
            var db = scope.ServiceProvider.GetRequiredService<DataTricksDbContext>();
            // What the migration leaves on existing rows: an empty key.
            await db.Customers.IgnoreQueryFilters().ExecuteUpdateAsync(c => c.SetProperty(x => x.SortKey, ""), TestContext.Current.CancellationToken);
            await db.ComputeEnvironments.IgnoreQueryFilters().ExecuteUpdateAsync(e => e.SetProperty(x => x.SortKey, ""), TestContext.Current.CancellationToken);
            await db.Repos.IgnoreQueryFilters().ExecuteUpdateAsync(r => r.SetProperty(x => x.SortKey, ""), TestContext.Current.CancellationToken);
            await db.Users.IgnoreQueryFilters().ExecuteUpdateAsync(u => u.SetProperty(x => x.SortKey, ""), TestContext.Current.CancellationToken);
        }

        await InitializeAsync();

        await using var check = _services.CreateAsyncScope();
        check.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        var rows = check.ServiceProvider.GetRequiredService<DataTricksDbContext>();
        Assert.All(await rows.Customers.IgnoreQueryFilters().ToListAsync(TestContext.Current.CancellationToken), c => Assert.Equal(NaturalSortKey.Of(c.Name), c.SortKey));
        Assert.All(await rows.ComputeEnvironments.IgnoreQueryFilters().ToListAsync(TestContext.Current.CancellationToken), e => Assert.Equal(NaturalSortKey.Of(e.Name), e.SortKey));
        Assert.All(await rows.Repos.IgnoreQueryFilters().ToListAsync(TestContext.Current.CancellationToken), r => Assert.Equal(NaturalSortKey.Of(r.Name), r.SortKey));
        Assert.All(await rows.Users.IgnoreQueryFilters().ToListAsync(TestContext.Current.CancellationToken), u => Assert.Equal(NaturalSortKey.Of(u.DisplayName), u.SortKey));
    }

    private async Task InitializeAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
    }

    private async Task<(int Customers, int Users, int Environments, int Repos, int Members)> CountAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        var db = scope.ServiceProvider.GetRequiredService<DataTricksDbContext>();
        return (await db.Customers.CountAsync(), await db.Users.CountAsync(), await db.ComputeEnvironments.CountAsync(),
            await db.Repos.CountAsync(), await db.RepoMembers.CountAsync());
    }
}
