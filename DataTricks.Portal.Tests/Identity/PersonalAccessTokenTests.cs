using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Identity;

public sealed class PersonalAccessTokenTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_token_is_shown_once_and_authenticates_api_calls()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var created = await CreateAsync(admin, "deploy script");

        var secret = created.GetProperty("token").GetString()!;
        Assert.StartsWith("dtp_", secret);
        var viaToken = factory.WithBearer(secret);
        Assert.Equal(HttpStatusCode.OK, (await viaToken.GetAsync("/api/v1/customer", Ct)).StatusCode);
        var listed = await (await admin.GetAsync("/api/v1/tokens", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("deploy script", listed);
        Assert.DoesNotContain(secret, listed);
    }

    [Fact]
    public async Task Admins_list_every_token_of_their_customer_with_its_owner_and_members_cannot()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (memberId, memberEmail) = await customer.AddUserAsync(DataTricks.Domain.Users.Roles.Member);
        var member = await factory.SignedInAsync(memberEmail, TestCustomer.Password);
        await CreateAsync(member, "member's nightly job");
        await CreateAsync(admin, "admin's deploy");
        await CreateAsync(await factory.SignedInAsync(ApiClients.GlobexAdmin), "another customer's token");

        var listed = await (await admin.GetAsync("/api/v1/customer/tokens", Ct)).JsonAsync();

        Assert.Equal(2, listed.GetProperty("totalCount").GetInt32());
        var owners = listed.GetProperty("items").EnumerateArray()
            .Select(t => (t.GetProperty("name").GetString(), t.GetProperty("ownerEmail").GetString(), t.GetProperty("ownerId").GetGuid())).ToList();
        Assert.Contains(("member's nightly job", memberEmail, memberId), owners);
        Assert.Contains(("admin's deploy", customer.AdminEmail, customer.AdminId), owners);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/customer/tokens", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/customer/tokens?pageSize=0", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_answers_401()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var created = await CreateAsync(admin, "to revoke");
        var viaToken = factory.WithBearer(created.GetProperty("token").GetString()!);

        var revoked = await admin.DeleteAsync($"/api/v1/tokens/{created.GetProperty("id").GetString()}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viaToken.GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_answers_401()
    {
        var admin = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        var created = await CreateAsync(admin, "short lived", expiresInDays: 1);
        var viaToken = factory.WithBearer(created.GetProperty("token").GetString()!);
        var id = Guid.Parse(created.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await viaToken.GetAsync("/api/v1/customer", Ct)).StatusCode);

        await factory.WithDatabaseAsync(db => db.PersonalAccessTokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAt, factory.Time.GetUtcNow().AddSeconds(-1)), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, (await viaToken.GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task Token_secrets_are_not_stored_only_their_hash()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        await using var walHolder = await HoldWalAsync();
        var secret = (await CreateAsync(admin, "hashed")).GetProperty("token").GetString()!;
        // Everything after the stored prefix and its '_': the random part may itself hold '_' (base64url).
        Assert.True(DataTricks.Domain.AccessTokens.TokenSecret.TryGetPrefix(secret, out var prefix));
        var secretPart = secret[(prefix.Length + 1)..];
        Assert.Equal(43, secretPart.Length);

        var rows = await factory.WithDatabaseAsync(db => db.PersonalAccessTokens.Select(t => new { t.Name, t.Prefix, t.SecretHash }).ToListAsync(Ct));

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.DoesNotContain(secretPart, $"{row.Name}|{row.Prefix}|{row.SecretHash}"));
        var audit = await factory.WithDatabaseAsync(db => db.AuditEvents.Select(e => e.Details ?? "").ToListAsync(Ct));
        Assert.All(audit, details => Assert.DoesNotContain(secretPart, details));
        // In WAL mode, recent writes sit in the -wal file until a checkpoint: the secret must be in none of the files.
        // (On PostgreSQL, the rows read above are what is stored.)
        if (factory.SqliteFile is not { } main)
            return;
        var files = new[] { main, main + "-wal", main + "-shm" }.Where(File.Exists).ToList();
        Assert.Contains(main + "-wal", files);
        foreach (var file in files)
            Assert.DoesNotContain(secretPart, System.Text.Encoding.UTF8.GetString(await ReadSharedAsync(file)));
    }

    // Another test class disposing its database clears every SQLite pool; when the last connection to a file closes,
    // SQLite checkpoints the -wal into it and deletes -wal and -shm, possibly under the reader. A reading connection
    // of our own, outside the pool, keeps them for the length of the test.
    private async Task<SqliteConnection?> HoldWalAsync()
    {
        if (factory.SqliteFile is not { } file)
            return null;
        var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync(Ct);
        await using var read = holder.CreateCommand();
        read.CommandText = "SELECT count(*) FROM sqlite_master";
        await read.ExecuteScalarAsync(Ct);
        return holder;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Theory]
    [InlineData("", 30)]
    [InlineData("ok", 0)]
    [InlineData("ok", 366)]
    public async Task Bad_token_requests_are_400_with_field_errors(string name, int expiresInDays)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.PostAsJsonAsync("/api/v1/tokens", new { name, expiresInDays }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Creating_and_revoking_a_token_writes_one_row_each_naming_that_token_and_who_did_it()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        await CreateAsync(admin, "another token");
        var tokenId = (await CreateAsync(admin, "audited")).GetProperty("id").GetString();
        await admin.DeleteAsync($"/api/v1/tokens/{tokenId}", Ct);

        var page = await (await admin.GetAsync($"/api/v1/audit-events?target={tokenId}", Ct)).JsonAsync();

        var rows = page.GetProperty("items").EnumerateArray().Select(e => (
            Action: e.GetProperty("action").GetString(),
            Target: e.GetProperty("targetId").GetString(),
            Actor: e.GetProperty("actorEmail").GetString())).OrderBy(row => row.Action).ToList();
        // Both happen at the same instant of the test's clock, so their order is not part of what is checked.
        Assert.Equal([("token.create", tokenId, customer.AdminEmail), ("token.revoke", tokenId, customer.AdminEmail)], rows);
    }

    private static async Task<System.Text.Json.JsonElement> CreateAsync(HttpClient client, string name, int expiresInDays = 30)
    {
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name, expiresInDays }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }
}
