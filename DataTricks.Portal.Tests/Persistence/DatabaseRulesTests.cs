using System.Data.Common;
using DataTricks.Portal.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DataTricks.Portal.Tests.Persistence;

/// <summary>The tenancy and integrity rules, checked against the database alone.</summary>
public sealed class DatabaseRulesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private RawRows _rows = null!;
    private Guid _acme;
    private Guid _globex;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _rows = await RawRows.OpenAsync(_database);
        _acme = await _rows.CustomerAsync("Acme");
        _globex = await _rows.CustomerAsync("Globex");
    }

    public async ValueTask DisposeAsync()
    {
        await _rows.Connection.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Repo_bound_to_its_own_customers_environment_is_accepted()
    {
        var environment = await _rows.EnvironmentAsync(_acme, "prod");

        await _rows.RepoAsync(_acme, environment, "Sales");

        Assert.Equal(1, await _rows.CountAsync("Repos"));
    }

    [Fact]
    public async Task Repo_bound_to_another_customers_environment_is_refused()
    {
        var globexEnvironment = await _rows.EnvironmentAsync(_globex, "prod");

        await AssertRefusedAsync(() => _rows.RepoAsync(_acme, globexEnvironment, "Sales"));
        Assert.Equal(0, await _rows.CountAsync("Repos"));
    }

    [Fact]
    public async Task Membership_within_one_customer_is_accepted()
    {
        var repo = await _rows.RepoAsync(_acme, await _rows.EnvironmentAsync(_acme, "prod"), "Sales");
        var user = await _rows.UserAsync(_acme, "ana@acme.test");

        await _rows.MembershipAsync(_acme, repo, user);

        Assert.Equal(1, await _rows.CountAsync("RepoMembers"));
    }

    [Fact]
    public async Task Membership_joining_a_user_and_a_repo_of_different_customers_is_refused_whichever_customer_it_claims()
    {
        var acmeRepo = await _rows.RepoAsync(_acme, await _rows.EnvironmentAsync(_acme, "prod"), "Sales");
        var globexUser = await _rows.UserAsync(_globex, "gina@globex.test");

        await AssertRefusedAsync(() => _rows.MembershipAsync(_acme, acmeRepo, globexUser));
        await AssertRefusedAsync(() => _rows.MembershipAsync(_globex, acmeRepo, globexUser));
        Assert.Equal(0, await _rows.CountAsync("RepoMembers"));
    }

    [Fact]
    public async Task Group_membership_and_sharing_within_one_customer_are_accepted_and_go_with_the_group()
    {
        var repo = await _rows.RepoAsync(_acme, await _rows.EnvironmentAsync(_acme, "prod"), "Sales");
        var group = await _rows.GroupAsync(_acme, "Analysts");
        await _rows.GroupMemberAsync(_acme, group, await _rows.UserAsync(_acme, "ana@acme.test"));
        await _rows.RepoGroupGrantAsync(_acme, repo, group);
        Assert.Equal((1, 1), (await _rows.CountAsync("GroupMembers"), await _rows.CountAsync("RepoGroupGrants")));

        await _rows.DeleteAsync("Groups", group);

        Assert.Equal((0, 0), (await _rows.CountAsync("GroupMembers"), await _rows.CountAsync("RepoGroupGrants")));
    }

    [Fact]
    public async Task Group_membership_or_sharing_across_customers_is_refused_whichever_customer_it_claims()
    {
        var acmeRepo = await _rows.RepoAsync(_acme, await _rows.EnvironmentAsync(_acme, "prod"), "Sales");
        var acmeGroup = await _rows.GroupAsync(_acme, "Analysts");
        var globexGroup = await _rows.GroupAsync(_globex, "Analysts");
        var globexUser = await _rows.UserAsync(_globex, "gina@globex.test");

        await AssertRefusedAsync(() => _rows.GroupMemberAsync(_acme, acmeGroup, globexUser));
        await AssertRefusedAsync(() => _rows.GroupMemberAsync(_globex, acmeGroup, globexUser));
        await AssertRefusedAsync(() => _rows.RepoGroupGrantAsync(_acme, acmeRepo, globexGroup));
        await AssertRefusedAsync(() => _rows.RepoGroupGrantAsync(_globex, acmeRepo, globexGroup));
        Assert.Equal((0, 0), (await _rows.CountAsync("GroupMembers"), await _rows.CountAsync("RepoGroupGrants")));
    }

    [Fact]
    public async Task Group_names_are_unique_within_a_customer()
    {
        await _rows.GroupAsync(_acme, "Analysts");
        await _rows.GroupAsync(_globex, "Analysts");

        await AssertRefusedAsync(() => _rows.GroupAsync(_acme, "ANALYSTS"));
        Assert.Equal(2, await _rows.CountAsync("Groups"));
    }

    [Fact]
    public async Task User_without_a_customer_is_refused()
    {
        await AssertRefusedAsync(() => _rows.UserAsync(null, "nobody@nowhere.test"));
        await AssertRefusedAsync(() => _rows.UserAsync(Guid.NewGuid(), "ghost@nowhere.test"));
        Assert.Equal(0, await _rows.CountAsync("Users"));
    }

    [Fact]
    public async Task User_emails_are_unique_within_a_customer()
    {
        await _rows.UserAsync(_acme, "same@example.test");

        await AssertRefusedAsync(() => _rows.UserAsync(_acme, "SAME@example.test"));
    }

    [Fact]
    public async Task One_address_may_have_an_account_in_each_of_several_customers()
    {
        await _rows.UserAsync(_acme, "same@example.test");
        await _rows.UserAsync(_globex, "SAME@example.test");

        Assert.Equal(2, await _rows.CountAsync("Users"));
    }

    [Fact]
    public async Task Two_live_environments_with_one_name_in_one_customer_are_refused()
    {
        await _rows.EnvironmentAsync(_acme, "prod");

        await AssertRefusedAsync(() => _rows.EnvironmentAsync(_acme, "PROD"));
    }

    [Fact]
    public async Task Environment_names_are_free_across_customers_and_after_deletion()
    {
        await _rows.EnvironmentAsync(_acme, "prod", status: "Deleted");
        await _rows.EnvironmentAsync(_acme, "prod");
        await _rows.EnvironmentAsync(_globex, "prod");

        Assert.Equal(3, await _rows.CountAsync("ComputeEnvironments"));
    }

    [Fact]
    public async Task Repo_and_customer_names_are_unique_case_insensitively()
    {
        var environment = await _rows.EnvironmentAsync(_acme, "prod");
        await _rows.RepoAsync(_acme, environment, "Sales");

        await AssertRefusedAsync(() => _rows.RepoAsync(_acme, environment, "SALES"));
        await AssertRefusedAsync(() => _rows.CustomerAsync("acme"));
    }

    [Fact]
    public async Task Deleting_an_environment_that_repos_use_is_refused()
    {
        var environment = await _rows.EnvironmentAsync(_acme, "prod");
        await _rows.RepoAsync(_acme, environment, "Sales");

        await AssertRefusedAsync(() => _rows.DeleteAsync("ComputeEnvironments", environment));
        Assert.Equal(1, await _rows.CountAsync("ComputeEnvironments"));
    }

    [Fact]
    public async Task Deleting_an_unused_environment_is_accepted()
    {
        var environment = await _rows.EnvironmentAsync(_acme, "prod");

        await _rows.DeleteAsync("ComputeEnvironments", environment);

        Assert.Equal(0, await _rows.CountAsync("ComputeEnvironments"));
    }

    [Theory]
    [InlineData("Repos")]
    [InlineData("Users")]
    public async Task Deleting_a_repo_or_a_user_removes_its_memberships(string table)
    {
        var repo = await _rows.RepoAsync(_acme, await _rows.EnvironmentAsync(_acme, "prod"), "Sales");
        var user = await _rows.UserAsync(_acme, "ana@acme.test");
        await _rows.MembershipAsync(_acme, repo, user);

        await _rows.DeleteAsync(table, table == "Repos" ? repo : user);

        Assert.Equal(0, await _rows.CountAsync("RepoMembers"));
    }

    [Theory]
    [InlineData("Operations")]
    [InlineData("AuditEvents")]
    [InlineData("ComputeEnvironments")]
    public async Task Tenant_owned_rows_without_a_customer_are_refused(string table)
    {
        var environment = await _rows.EnvironmentAsync(_acme, "prod");

        await AssertRefusedAsync(() => table switch
        {
            "Operations" => _rows.OperationAsync(null, environment),
            "AuditEvents" => _rows.AuditEventAsync(null),
            _ => _rows.EnvironmentAsync(null, "orphan"),
        });
        Assert.Equal(1, await _rows.CountAsync("ComputeEnvironments"));
    }

    [Fact]
    public async Task Worker_counts_outside_one_to_a_thousand_are_refused()
    {
        await AssertRefusedAsync(() => _rows.EnvironmentAsync(_acme, "inverted", minWorkers: 5, maxWorkers: 2));
        await AssertRefusedAsync(() => _rows.EnvironmentAsync(_acme, "huge", minWorkers: 1, maxWorkers: 1001));
    }

    [Fact]
    public async Task An_email_domain_signs_in_to_one_customer_only()
    {
        await _rows.SsoConnectionAsync(_acme);
        await _rows.SsoConnectionAsync(_globex);
        await _rows.SsoDomainAsync(_acme, "acme.test");

        await AssertRefusedAsync(() => _rows.SsoDomainAsync(_globex, "acme.test"));
        Assert.Equal(1, await _rows.CountAsync("SsoDomains"));
    }

    [Fact]
    public async Task Break_glass_admins_and_provider_links_join_users_of_their_own_customer_only()
    {
        await _rows.SsoConnectionAsync(_acme);
        var acmeAdmin = await _rows.UserAsync(_acme, "ada@acme.test");
        var globexUser = await _rows.UserAsync(_globex, "gina@globex.test");

        await _rows.BreakGlassAdminAsync(_acme, acmeAdmin);
        await _rows.SsoLinkAsync(_acme, "subject-ada", acmeAdmin);
        await AssertRefusedAsync(() => _rows.BreakGlassAdminAsync(_acme, globexUser));
        await AssertRefusedAsync(() => _rows.SsoLinkAsync(_acme, "subject-gina", globexUser));
        // One provider person is one user of a customer.
        var namesake = await _rows.UserAsync(_acme, "ada2@acme.test");
        await AssertRefusedAsync(() => _rows.SsoLinkAsync(_acme, "subject-ada", namesake));

        Assert.Equal((1, 1), (await _rows.CountAsync("SsoBreakGlassAdmins"), await _rows.CountAsync("SsoLinks")));
    }

    /// <summary>The database refused the write as breaking one of its constraints, not for any other reason.</summary>
    private static async Task AssertRefusedAsync(Func<Task> write)
    {
        var error = await Assert.ThrowsAnyAsync<DbException>(write);
        switch (error)
        {
            case SqliteException sqlite:
                Assert.Equal(19, sqlite.SqliteErrorCode); // SQLITE_CONSTRAINT
                break;
            case PostgresException postgres:
                Assert.StartsWith("23", postgres.SqlState); // integrity constraint violation
                break;
            default:
                Assert.Fail($"Refused by {error.GetType().Name}, not by a constraint: {error.Message}");
                break;
        }
    }
}
