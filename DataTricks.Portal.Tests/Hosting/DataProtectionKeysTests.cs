using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Net.Http.Json;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Infrastructure.Seeding;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Hosting;

/// <summary>Keys that sign cookies and access tokens are encrypted in the database, so reading it is not enough to forge one.</summary>
public sealed class DataProtectionKeysTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"datatricks-keys-{Guid.NewGuid():N}.pfx");

    public DataProtectionKeysTests()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=DataTricks data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pkcs12, "test-secret"));
    }

    public void Dispose() => File.Delete(_certificate);

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_still_sign_in_works()
    {
        await using var factory = new PortalFactory();
        await using var configured = factory.WithWebHostBuilder(b => b
            .UseSetting("DataProtection:CertificatePath", _certificate)
            .UseSetting("DataProtection:CertificatePassword", "test-secret"));

        var signedIn = await configured.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = ApiClients.AcmeAdmin, password = DemoSeedOptions.DemoPassword }, Ct);
        var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await signedIn.JsonAsync()).GetProperty("accessToken").GetString());

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/v1/customer", Ct)).StatusCode);
        var keys = await KeysAsync(configured);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_as_they_are_outside_production()
    {
        await using var factory = new PortalFactory();

        await ApiClients.AccessTokenAsync(factory, ApiClients.AcmeAdmin);

        Assert.All(await KeysAsync(factory), xml => Assert.Contains("<masterKey", xml));
    }

    [Fact]
    public async Task A_production_node_without_a_certificate_refuses_to_start_and_says_what_to_set()
    {
        await using var factory = new PortalFactory();
        await using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var refused = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        var messages = string.Join(" ", Chain(refused).Select(e => e.Message));
        Assert.Contains("DataProtection:CertificatePath", messages);
        Assert.Contains("DataProtection:AllowUnprotectedKeys", messages);
    }

    [Fact]
    public async Task A_production_node_may_be_told_to_keep_its_keys_unencrypted()
    {
        await using var factory = new PortalFactory();
        await using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("DataProtection:AllowUnprotectedKeys", "true"));

        var response = await production.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<string>> KeysAsync(WebApplicationFactory<Program> portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.System);
        return await scope.ServiceProvider.GetRequiredService<DataTricksDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            yield return e;
    }
}
