using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>However the requests race, a customer never ends up without an active admin.</summary>
public sealed class LastAdminRaceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int Trials = 20;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Changes => ["demote", "deactivate", "delete"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Two_admins_removing_each_others_rights_at_once_always_leave_one_admin(string change)
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var customer = await TestCustomer.SignUpAsync(factory);
            var (secondId, second) = await customer.AddUserAsync("Admin");
            var first = await customer.AdminAsync();
            var secondClient = await factory.SignedInAsync(second, TestCustomer.Password);

            var answers = await Task.WhenAll(Apply(first, change, secondId), Apply(secondClient, change, customer.AdminId));

            Assert.Equal(1, await ActiveAdminsAsync(customer.Id));
            Assert.Single(answers, status => status is HttpStatusCode.OK or HttpStatusCode.NoContent);
            // The loser was refused by the rule, or had already lost its rights to the winner's change.
            Assert.Single(answers, status => status is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }
    }

    private static async Task<HttpStatusCode> Apply(HttpClient client, string change, Guid userId) => change switch
    {
        "demote" => (await client.PatchAsJsonAsync($"/api/v1/users/{userId}", new { role = "Member" }, Ct)).StatusCode,
        "deactivate" => (await client.PatchAsJsonAsync($"/api/v1/users/{userId}", new { isActive = false }, Ct)).StatusCode,
        _ => (await client.DeleteAsync($"/api/v1/users/{userId}", Ct)).StatusCode,
    };

    private Task<int> ActiveAdminsAsync(Guid customerId) => factory.WithDatabaseAsync(async db =>
    {
        var adminRole = await db.Roles.Where(r => r.Name == "Admin").Select(r => r.Id).SingleAsync(Ct);
        return await db.Users.CountAsync(u => u.CustomerId == customerId && u.IsActive
            && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole), Ct);
    });
}
