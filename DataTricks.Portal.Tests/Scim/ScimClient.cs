using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Scim;

/// <summary>A directory's side of SCIM: a fresh customer, a SCIM token its admin made, and raw JSON requests as Okta and Entra ID send them.</summary>
internal sealed class ScimClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScimClient(PortalFactory factory, TestCustomer customer, HttpClient admin, HttpClient directory) =>
        (Factory, Customer, Admin, Directory) = (factory, customer, admin, directory);

    public PortalFactory Factory { get; }
    public TestCustomer Customer { get; }
    public HttpClient Admin { get; }
    public HttpClient Directory { get; }

    public static async Task<ScimClient> StartAsync(PortalFactory factory, string tokenName = "Okta provisioning")
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/scim-tokens", new { name = tokenName }, Ct);
        var secret = (await created.JsonAsync()).GetProperty("secret").GetString()!;
        var directory = factory.CreateClient();
        directory.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return new ScimClient(factory, customer, admin, directory);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Directory.SendAsync(request, Ct);
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> CallAsync(HttpMethod method, string path, string? json = null, string? ifMatch = null)
    {
        var response = await SendAsync(method, path, json, ifMatch);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<JsonObject> CreateUserAsync(string userName, string? extra = null)
    {
        var (response, body) = await CallAsync(HttpMethod.Post, "/scim/v2/Users",
            $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","name":{"givenName":"Given","familyName":"Family"}{{extra}}}""");
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    public static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();

    public static JsonSerializerOptions Json => new(JsonSerializerDefaults.Web);
}
