using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Domain.Infrastructure.Seeding;

namespace DataTricks.Portal.Tests.Support;

/// <summary>API callers of the demo customers, signed in the way a script would.</summary>
public static class ApiClients
{
    public const string AcmeAdmin = "admin@acme.test";
    public const string AcmeMember = "ana@acme.test";
    public const string GlobexAdmin = "admin@globex.test";
    public const string Support = "support@datatricks.test";

    public static async Task<HttpClient> SignedInAsync(this PortalFactory factory, string email, string password = DemoSeedOptions.DemoPassword)
    {
        var token = await AccessTokenAsync(factory, email, password);
        return factory.WithBearer(token);
    }

    public static HttpClient WithBearer(this PortalFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> AccessTokenAsync(PortalFactory factory, string email, string password = DemoSeedOptions.DemoPassword)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A request with a JSON body (when given) and one header a write is made with (Idempotency-Key, If-Match).</summary>
    public static HttpRequestMessage WithHeader(HttpMethod method, string path, string header, string value, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
