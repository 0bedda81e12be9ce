using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataTricks.E2E.Support;
using Microsoft.Data.Sqlite;

namespace DataTricks.Bench;

/// <summary>
/// SCIM on a large customer: a directory's lookup of one person by userName among the customer's users (with its groups
/// written straight into the database), and a directory's first full sync, as Okta runs it: for each person a lookup,
/// then a create, from a few connections at once.
/// </summary>
internal static class ScimBench
{
    public static async Task RunAsync(PortalFiles files, PortalProcess portal, string adminToken, Guid customerId, BenchPlan plan)
    {
        SeedGroups(files, customerId, plan.Groups);
        using var admin = new HttpClient { BaseAddress = portal.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var created = await admin.PostAsJsonAsync("/api/v1/scim-tokens", new { name = "bench directory" });
        var secret = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        using var directory = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        directory.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var lookups = new Latencies();
        for (var i = 0; i < plan.ScimLookups; i++)
        {
            var userName = $"user-{1 + (i * 7919 % plan.Users):00000}@large.test";
            var sent = Stopwatch.GetTimestamp();
            var found = await directory.GetFromJsonAsync<JsonElement>($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}");
            lookups.Add(Stopwatch.GetElapsedTime(sent));
            if (found.GetProperty("totalResults").GetInt32() != 1)
                throw new InvalidOperationException($"The lookup of {userName} found {found.GetProperty("totalResults")} users.");
        }
        Console.WriteLine($"SCIM lookup, filter userName eq (customer with {plan.Users:N0} users, {plan.Groups:N0} groups): {lookups.Summary()}");

        var next = 0;
        var cpuBefore = BenchPortal.CpuTime(portal);
        var sync = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= plan.ScimSync)
            {
                var userName = $"hire-{i:00000}@large.test";
                var lookup = await directory.GetFromJsonAsync<JsonElement>($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}");
                if (lookup.GetProperty("totalResults").GetInt32() != 0)
                    continue;
                var body = $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","name":{"givenName":"Hire","familyName":"{{i:00000}}"},"externalId":"00u{{i}}","active":true}""";
                var response = await directory.PostAsync("/scim/v2/Users", new StringContent(body, Encoding.UTF8, "application/scim+json"));
                if ((int)response.StatusCode != 201)
                    throw new InvalidOperationException($"Creating {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }));
        var cpu = BenchPortal.CpuTime(portal) - cpuBefore;
        Console.WriteLine($"SCIM first sync: {plan.ScimSync:N0} users (lookup, then create) from 4 connections in {sync.Elapsed.TotalSeconds:F1} s " +
                          $"({plan.ScimSync / sync.Elapsed.TotalSeconds:F0} users/s); portal CPU {cpu.TotalMilliseconds / Math.Max(1, plan.ScimSync):F2} ms per user");
    }

    /// <summary>Groups of about equal size, every user of the customer in one, written as the portal writes them.</summary>
    private static void SeedGroups(PortalFiles files, Guid customerId, int groups)
    {
        using var connection = (SqliteConnection)files.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        var ids = new List<string>();
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText =
                """
                INSERT INTO Groups (Id, CustomerId, Name, NormalizedName, SortKey, Description, CreatedAt, UpdatedAt, Version, ExternalId, DirectoryManaged)
                SELECT $id, $customer, $name, upper($name), upper($name), NULL, CreatedAt, CreatedAt, 1, $external, 1 FROM Customers WHERE Id = $customer
                """;
            foreach (var name in new[] { "$id", "$customer", "$name", "$external" })
                insert.Parameters.Add(new SqliteParameter(name, null));
            for (var i = 1; i <= groups; i++)
            {
                var id = Guid.NewGuid().ToString().ToUpperInvariant();
                ids.Add(id);
                (insert.Parameters[0].Value, insert.Parameters[1].Value, insert.Parameters[2].Value, insert.Parameters[3].Value) =
                    (id, customerId.ToString().ToUpperInvariant(), $"group-{i:0000}", $"00g{i}");
                insert.ExecuteNonQuery();
            }
        }
        using (var members = connection.CreateCommand())
        {
            // Each user of the customer joins the group its row number picks.
            members.CommandText =
                """
                INSERT INTO GroupMembers (GroupId, UserId, CustomerId, AddedAt)
                SELECT g.Id, u.Id, u.CustomerId, u.CreatedAt
                FROM (SELECT Id, CustomerId, CreatedAt, ROW_NUMBER() OVER (ORDER BY Id) AS n FROM Users WHERE CustomerId = $customer) u
                JOIN (SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) - 1 AS k FROM Groups WHERE CustomerId = $customer) g ON g.k = u.n % $groups
                """;
            members.Parameters.AddWithValue("$customer", customerId.ToString().ToUpperInvariant());
            members.Parameters.AddWithValue("$groups", groups);
            members.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
