using System.Text.Json.Nodes;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Conformance;

/// <summary>
/// A body each operation that takes one accepts, made fresh per call (names and e-mails are unique). An operation with
/// a body and no entry here fails the conformance run: whoever adds a route says what a valid request is.
/// </summary>
public static class ValidBodies
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..10];

    private static readonly Dictionary<string, Func<ConformanceWorld, JsonObject>> Bodies = new()
    {
        ["POST /api/v1/signup"] = _ => new() { ["customerName"] = $"Conformance {Tag()}", ["adminEmail"] = $"signup-{Tag()}@conformance.test", ["adminPassword"] = TestCustomer.Password },
        ["POST /api/v1/auth/token"] = w => new() { ["email"] = w.Customer.AdminEmail, ["password"] = TestCustomer.Password },
        ["POST /api/v1/tokens"] = _ => new() { ["name"] = $"token {Tag()}", ["expiresInDays"] = 30 },
        ["PATCH /api/v1/customer"] = _ => new() { ["name"] = $"Conformance {Tag()}" },
        ["PUT /api/v1/customer/support-access"] = w => new() { ["expiresAt"] = w.Factory.Time.GetUtcNow().AddDays(2).ToString("O") },
        ["PUT /api/v1/customer/sso"] = w => new()
        {
            ["issuer"] = "http://127.0.0.1:9/conformance", ["clientId"] = "datatricks", ["clientSecret"] = "secret",
            ["domains"] = new JsonArray($"{Tag()}.conformance.test"), ["defaultRole"] = "Member", ["allowJustInTime"] = false,
            ["requireSso"] = false, ["breakGlassAdminIds"] = new JsonArray(w.Customer.AdminId.ToString()),
        },
        ["POST /api/v1/customer/sso/test"] = _ => new() { ["issuer"] = "http://127.0.0.1:9/conformance" },
        ["POST /api/v1/support/impersonation"] = w => new() { ["customerId"] = w.Customer.Id.ToString(), ["reason"] = $"Conformance run {Tag()}" },
        ["POST /api/v1/compute-environments"] = _ => new() { ["name"] = $"env-{Tag()}", ["cloud"] = "Aws", ["region"] = "eu-west-1" },
        ["PATCH /api/v1/compute-environments/{id}"] = _ => new() { ["name"] = $"env-{Tag()}" },
        ["POST /api/v1/users"] = _ => new() { ["email"] = $"user-{Tag()}@conformance.test", ["displayName"] = "Conformance", ["role"] = "Member" },
        ["PATCH /api/v1/users/{id}"] = _ => new() { ["displayName"] = $"Renamed {Tag()}" },
        ["POST /api/v1/users/{id}/reset-password"] = _ => new(),
        ["POST /api/v1/repos"] = w => new() { ["name"] = $"repo-{Tag()}", ["computeEnvironmentId"] = w.EnvironmentId.ToString() },
        ["PATCH /api/v1/repos/{id}"] = _ => new() { ["description"] = $"Described {Tag()}" },
        ["POST /api/v1/groups"] = _ => new() { ["name"] = $"Group {Tag()}", ["description"] = "" },
        ["PATCH /api/v1/groups/{id}"] = _ => new() { ["name"] = $"Group {Tag()}" },
        ["POST /api/v1/scim-tokens"] = _ => new() { ["name"] = $"directory {Tag()}", ["expiresInDays"] = 30 },
        ["POST /api/v1/webhooks"] = _ => new() { ["url"] = $"http://127.0.0.1:9/{Tag()}", ["description"] = "", ["eventTypes"] = new JsonArray("environment.updated") },
        ["PATCH /api/v1/webhooks/{id}"] = _ => new() { ["description"] = $"Described {Tag()}" },
    };

    public static JsonObject For(ApiOperation operation, ConformanceWorld world) =>
        Bodies.TryGetValue(operation.ToString(), out var body)
            ? body(world)
            : throw new InvalidOperationException($"{operation} takes a body: add a valid one to {nameof(ValidBodies)}.");
}
