using System.Net;
using System.Text.Json;
using DataTricks.E2E.Support;

namespace DataTricks.E2E;

/// <summary>The id a customer quotes from a problem (<c>traceId</c>, <c>X-Request-Id</c>) finds the request's lines in a node's output.</summary>
public sealed class RequestLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_request_s_id_is_on_its_log_lines_as_plain_text()
    {
        using var files = new PortalFiles();
        await using var portal = await PortalProcess.StartAsync(files, new Dictionary<string, string> { ["Logging:LogLevel:DataTricks"] = "Information" });

        var id = await FailedSignInAsync(portal);

        var lines = await LinesWithAsync(portal, id);
        Assert.Contains(lines, line => line.Contains($"RequestId:{id}", StringComparison.Ordinal));
        Assert.DoesNotContain("Dictionary`2", portal.Output, StringComparison.Ordinal);
        var answered = portal.Output.Split('\n').SkipWhile(line => !line.Contains($"RequestId:{id}", StringComparison.Ordinal)).Take(3);
        Assert.Contains(answered, line => line.Contains("POST /api/v1/auth/token answered 401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_json_console_every_line_of_a_request_carries_its_id_as_a_property()
    {
        using var files = new PortalFiles();
        await using var portal = await PortalProcess.StartAsync(files, new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:LogLevel:DataTricks"] = "Information",
        });

        var id = await FailedSignInAsync(portal);

        var lines = (await LinesWithAsync(portal, id)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var answered = Assert.Single(lines, line => line.GetProperty("Message").GetString()!.Contains("answered 401", StringComparison.Ordinal));
        Assert.Equal("Information", answered.GetProperty("LogLevel").GetString());
        Assert.Equal(401, answered.GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.All(lines, line => Assert.Contains(line.GetProperty("Scopes").EnumerateArray(),
            scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("RequestId", out var value) && value.GetString() == id));
    }

    private static async Task<string> FailedSignInAsync(PortalProcess portal)
    {
        var id = $"quote-me-{Guid.NewGuid():N}";
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new StringContent("""{"email":"nobody@acme.test","password":"wrong"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Request-Id", id);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(id, problem.GetProperty("traceId").GetString());
        return id;
    }

    /// <summary>The node's output lines that name <paramref name="id"/>, once the request's last line is written.</summary>
    private static async Task<IReadOnlyList<string>> LinesWithAsync(PortalProcess portal, string id)
    {
        for (var wait = 0; wait < 100 && !portal.Output.Contains("answered 401", StringComparison.Ordinal); wait++)
            await Task.Delay(100, Ct);
        return portal.Output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Contains(id, StringComparison.Ordinal)).ToList();
    }
}
