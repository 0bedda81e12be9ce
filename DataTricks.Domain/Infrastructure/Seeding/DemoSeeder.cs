using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Repos;
using DataTricks.Domain.SupportAccess;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Infrastructure.Seeding;

/// <summary>
/// The demo data (README, "Demo logins"). Each customer is seeded whole in one transaction, and only if it is
/// not there yet, so a second start changes nothing.
/// </summary>
public sealed class DemoSeeder(DataTricksDbContext db, UserManager<User> users, ITenantContext tenant, TimeProvider time)
{
    private sealed record DemoUser(string Email, string DisplayName, string Role);
    private sealed record DemoEnvironment(string Name, CloudProvider Cloud, string Region);
    private sealed record DemoRepo(string Name, string Description, string EnvironmentName, string[] MemberEmails);
    private sealed record DemoGroup(string Name, string Description, string[] MemberEmails, string[] RepoNames);
    private sealed record DemoCustomer(string Name, bool IsPlatformOperator, DemoUser[] Users, DemoEnvironment[] Environments, DemoRepo[] Repos, DemoGroup[]? Groups = null);

    private static readonly DemoCustomer[] Customers =
    [
        new("DataTricks", true, [new("support@datatricks.test", "DataTricks Support", Roles.Support)], [], []),
        new("Acme Analytics", false,
            [
                new("admin@acme.test", "Alice Admin", Roles.Admin),
                new("ana@acme.test", "Ana Analyst", Roles.Member),
                new("ben@acme.test", "Ben Engineer", Roles.Member),
            ],
            [new("prod-analytics", CloudProvider.Aws, "us-east-1"), new("ml-training", CloudProvider.Gcp, "us-central1")],
            [
                new("Sales Dashboards", "Weekly revenue and pipeline dashboards", "prod-analytics", ["admin@acme.test", "ana@acme.test"]),
                new("Churn Model", "Customer churn prediction", "ml-training", ["ben@acme.test"]),
            ],
            [new("Data Science", "Builds and trains the models", ["ana@acme.test", "ben@acme.test"], ["Churn Model"])]),
        new("Globex", false,
            [
                new("admin@globex.test", "Gary Admin", Roles.Admin),
                new("gina@globex.test", "Gina Member", Roles.Member),
            ],
            [new("globex-main", CloudProvider.Azure, "westeurope")],
            [new("Finance Reports", "Quarterly finance notebooks", "globex-main", ["gina@globex.test"])]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var demo in Customers)
        {
            var normalized = Customer.Normalize(demo.Name);
            if (await db.Customers.AnyAsync(c => c.NormalizedName == normalized, cancellationToken))
                continue;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await SeedCustomerAsync(demo, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task SeedCustomerAsync(DemoCustomer demo, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var customer = Customer.Create(demo.Name, now, demo.IsPlatformOperator);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);

        var usersByEmail = new Dictionary<string, User>();
        foreach (var demoUser in demo.Users)
            usersByEmail[demoUser.Email] = await CreateUserAsync(customer.Id, demoUser, now);

        var environmentsByName = demo.Environments.ToDictionary(e => e.Name, e => ReadyEnvironment(customer.Id, e, now));
        db.ComputeEnvironments.AddRange(environmentsByName.Values);
        var reposByName = new Dictionary<string, Repo>();
        foreach (var demoRepo in demo.Repos)
        {
            var repo = reposByName[demoRepo.Name] = Repo.Create(customer.Id, demoRepo.Name, demoRepo.Description, environmentsByName[demoRepo.EnvironmentName].Id, now);
            db.Repos.Add(repo);
            db.RepoMembers.AddRange(demoRepo.MemberEmails.Select(email => RepoMember.Create(customer.Id, repo.Id, usersByEmail[email].Id, now)));
        }
        foreach (var demoGroup in demo.Groups ?? [])
        {
            var group = Group.Create(customer.Id, demoGroup.Name, demoGroup.Description, now);
            db.Groups.Add(group);
            db.GroupMembers.AddRange(demoGroup.MemberEmails.Select(email => GroupMember.Create(customer.Id, group.Id, usersByEmail[email].Id, now)));
            db.RepoGroupGrants.AddRange(demoGroup.RepoNames.Select(name => RepoGroupGrant.Create(customer.Id, reposByName[name].Id, group.Id, now)));
        }
        // The demo customers let support in from the start, so the impersonation journey can be tried at once.
        if (!demo.IsPlatformOperator)
            db.SupportAccessGrants.Add(SupportAccessGrant.Grant(customer.Id, grantedBy: null, now, now + SupportAccessGrant.MaxDuration));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<User> CreateUserAsync(Guid customerId, DemoUser demoUser, DateTimeOffset now)
    {
        var user = User.Create(customerId, demoUser.Email, demoUser.DisplayName, now);
        user.EmailConfirmed = true;
        // Identity checks that the address is free, which it is within one customer.
        using var _ = tenant.Use(TenantScope.ForCustomer(customerId));
        ThrowIfFailed(await users.CreateAsync(user, DemoSeedOptions.DemoPassword), demoUser.Email);
        ThrowIfFailed(await users.AddToRoleAsync(user, demoUser.Role), demoUser.Email);
        return user;
    }

    private static ComputeEnvironment ReadyEnvironment(Guid customerId, DemoEnvironment demo, DateTimeOffset now)
    {
        var environment = ComputeEnvironment.Create(customerId, demo.Name, demo.Cloud, demo.Region, null, 1, 4, now);
        environment.MarkProvisioning("Seeded for the demo", now);
        environment.MarkReady(now);
        return environment;
    }

    private static void ThrowIfFailed(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
