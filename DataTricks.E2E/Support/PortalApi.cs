using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Testing;

namespace DataTricks.E2E.Support;

/// <summary>A script's view of a portal process: its REST API with a bearer token.</summary>
public sealed class PortalApi(HttpClient http)
{
    public static async Task<PortalApi> SignInAsync(Uri baseAddress, string email, string password = "Demo-Passw0rd!")
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new PortalApi(http);
    }

    /// <summary>Signs a new customer up, as its first admin would from a script.</summary>
    public static async Task SignUpAsync(Uri baseAddress, string customerName, string adminEmail, string adminPassword)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsJsonAsync("/api/v1/signup", new { customerName, adminEmail, adminPassword });
        response.EnsureSuccessStatusCode();
    }

    public async Task<Guid> CustomerIdAsync() => (await http.GetFromJsonAsync<JsonElement>("/api/v1/customer")).GetProperty("id").GetGuid();

    public async Task PutSsoAsync(object settings) => (await http.PutAsJsonAsync("/api/v1/customer/sso", settings)).EnsureSuccessStatusCode();

    public async Task<List<string>> UserEmailsAsync() =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/api/v1/users?pageSize=100")).GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()!)];

    public async Task<Guid> UserIdAsync(string email)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/users?q={Uri.EscapeDataString(email)}");
        return page.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    public async Task DeactivateAsync(Guid userId) =>
        (await http.PatchAsJsonAsync($"/api/v1/users/{userId}", new { isActive = false })).EnsureSuccessStatusCode();

    public async Task ChangeRoleAsync(Guid userId, string role) =>
        (await http.PatchAsJsonAsync($"/api/v1/users/{userId}", new { role })).EnsureSuccessStatusCode();

    public async Task AddUserAsync(string email, string role, string password) =>
        (await http.PostAsJsonAsync("/api/v1/users", new { email, role, password })).EnsureSuccessStatusCode();

    public async Task<Guid> CreateEnvironmentAsync(string name)
    {
        var response = await http.PostAsJsonAsync("/api/v1/compute-environments", new { name, cloud = "Gcp", region = "europe-west1" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Starts a resize; the environment is Resizing until the cloud is done.</summary>
    public async Task ResizeAsync(Guid id, int minWorkers, int maxWorkers) =>
        Assert.Equal(System.Net.HttpStatusCode.Accepted,
            (await http.PatchAsJsonAsync($"/api/v1/compute-environments/{id}", new { minWorkers, maxWorkers })).StatusCode);

    public async Task RepairAsync(Guid id) =>
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.PostAsync($"/api/v1/compute-environments/{id}/repair", null)).StatusCode);

    /// <summary>Status by environment name, over every page.</summary>
    public async Task<Dictionary<string, string>> StatusesAsync()
    {
        var statuses = new Dictionary<string, string>();
        string? token = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/compute-environments?pageSize=100&pageToken={token}");
            foreach (var item in page.GetProperty("items").EnumerateArray())
                statuses[item.GetProperty("name").GetString()!] = item.GetProperty("status").GetString()!;
            token = page.GetProperty("nextPageToken").GetString();
        } while (token is not null);
        return statuses;
    }

    /// <summary>Polls until every named environment is Ready, for at most <paramref name="limit"/>.</summary>
    public Task WaitUntilAllReadyAsync(IReadOnlyCollection<string> names, TimeSpan limit) => WaitUntilAllAsync(names, "Ready", limit);

    /// <summary>Polls until every named environment has <paramref name="status"/>, for at most <paramref name="limit"/>.</summary>
    public async Task WaitUntilAllAsync(IReadOnlyCollection<string> names, string status, TimeSpan limit)
    {
        Dictionary<string, string> statuses = [];
        await Eventually.HoldsAsync(async () =>
            {
                statuses = await StatusesAsync();
                return names.All(n => statuses.GetValueOrDefault(n) == status);
            },
            $"{names.Count} environments to be {status}", limit, TimeSpan.FromMilliseconds(500),
            () => string.Join(", ", names.Where(n => statuses.GetValueOrDefault(n) != status).Select(n => $"{n}={statuses.GetValueOrDefault(n)}")));
    }

    public async Task<Guid> CreateWebhookAsync(string url, params string[] eventTypes)
    {
        var response = await http.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpoint").GetProperty("id").GetGuid();
    }

    public async Task<List<JsonElement>> DeliveriesAsync(Guid endpointId) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{endpointId}/deliveries?pageSize=100")).GetProperty("items").EnumerateArray()];
}
