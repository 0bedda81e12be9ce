using DataTricks.Client;
using DataTricks.Client.Models;
using DataTricks.Portal.Tests.Support;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace DataTricks.Portal.Tests.GeneratedClient;

/// <summary>
/// What an integrator does with a client generated from the served document, through that client only: no
/// hand-written HTTP. If the document lies about a body, a header or an error, this journey breaks.
/// </summary>
public sealed class GeneratedClientJourneyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Password = "Journey-Passw0rd!";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DataTricksApiClient Client(string? token = null)
    {
        // Kiota's own handler chain (headers inspection, retries, redirects) in front of the test server.
        var http = factory.CreateDefaultClient(KiotaClientFactory.CreateDefaultHandlers().ToArray());
        IAuthenticationProvider authentication = token is null
            ? new AnonymousAuthenticationProvider()
            : new BaseBearerTokenAuthenticationProvider(new StaticToken(token));
        return new DataTricksApiClient(new HttpClientRequestAdapter(authentication, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
    }

    private static Action<RequestConfiguration<DefaultQueryParameters>> Inspecting(HeadersInspectionHandlerOption inspection, params (string Name, string Value)[] headers) =>
        config =>
        {
            config.Options.Add(inspection);
            foreach (var (name, value) in headers)
                config.Headers.Add(name, value);
        };

    private async Task<string> TokenAsync(string email, string password = Password) =>
        (await Client().Api.V1.Auth.Token.PostAsync(new TokenRequest { Email = email, Password = password }, cancellationToken: Ct))!.AccessToken!;

    [Fact]
    public async Task An_integrator_signs_up_provisions_shares_and_cleans_up_through_the_generated_client()
    {
        var signup = await Client().Api.V1.Signup.PostAsync(
            new SignupRequest { CustomerName = "Journey Co", AdminEmail = "admin@journey.test", AdminPassword = Password }, cancellationToken: Ct);
        Assert.NotEqual(Guid.Empty, signup!.CustomerId);
        var api = Client(await TokenAsync("admin@journey.test")).Api.V1;

        var created = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var idempotencyKey = Guid.NewGuid().ToString();
        var request = new CreateEnvironmentRequest { Name = "journey-env", Cloud = CloudProvider.Aws, Region = "us-east-1", MaxWorkers = 3 };
        var environment = await api.ComputeEnvironments.PostAsync(request, Inspecting(created, ("Idempotency-Key", idempotencyKey)), Ct);
        Assert.Equal(ComputeEnvironmentStatus.Pending, environment!.Status);
        // The answer was lost on the way (a node died behind the load balancer, which answers 502 and does not resend a
        // POST): the client sends the create again with the same key, and gets the first answer, not a second environment.
        var retried = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var again = await api.ComputeEnvironments.PostAsync(request, Inspecting(retried, ("Idempotency-Key", idempotencyKey)), Ct);
        Assert.Equal((environment.Id, ComputeEnvironmentStatus.Pending), (again!.Id, again.Status));
        Assert.Equal(["true"], retried.ResponseHeaders["Idempotent-Replayed"]);
        Assert.EndsWith($"/api/v1/operations/{environment.OperationId}", created.ResponseHeaders["Operation-Location"].Single());

        var operation = await api.Operations[environment.OperationId!.Value].GetAsync(c => c.QueryParameters.Wait = "30s", Ct);
        Assert.Equal((true, OperationStatus.Succeeded), (operation!.Done, operation.Status));

        var read = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        await api.ComputeEnvironments[environment.Id!.Value].GetAsync(Inspecting(read), Ct);
        var renamed = await api.ComputeEnvironments[environment.Id.Value].PatchAsync(new UpdateEnvironmentRequest { Name = "journey-renamed" },
            Inspecting(new HeadersInspectionHandlerOption(), ("If-Match", read.ResponseHeaders["ETag"].Single())), Ct);
        Assert.Equal("journey-renamed", renamed!.Name);

        var repo = await api.Repos.PostAsync(new CreateRepoRequest { Name = "Forecasts", ComputeEnvironmentId = environment.Id }, cancellationToken: Ct);
        await api.Repos.PostAsync(new CreateRepoRequest { Name = "Pricing", ComputeEnvironmentId = environment.Id }, cancellationToken: Ct);
        var member = await api.Users.PostAsync(new CreateUserRequest { Email = "mia@journey.test", DisplayName = "Mia", Role = Role.Member, Password = Password }, cancellationToken: Ct);
        await api.Repos[repo!.Id!.Value].Members[member!.Id!.Value].PutAsync(cancellationToken: Ct);
        var members = await api.Repos[repo.Id.Value].Members.GetAsync(cancellationToken: Ct);
        Assert.Equal(["mia@journey.test"], members!.Items!.Select(m => m.Email));

        var refused = await Assert.ThrowsAsync<EnvironmentConflictProblem>(() => api.ComputeEnvironments[environment.Id.Value].DeleteAsync(cancellationToken: Ct));
        Assert.Equal((409, ProblemCode.EnvironmentInUse), (refused.ResponseStatusCode, refused.Code));
        Assert.Equal(["Forecasts", "Pricing"], refused.Repos!.Select(r => r.Name));

        var first = await api.Repos.GetAsync(c => c.QueryParameters.PageSize = 1, Ct);
        var second = await api.Repos.GetAsync(c => { c.QueryParameters.PageSize = 1; c.QueryParameters.PageToken = first!.NextPageToken; }, Ct);
        Assert.Equal((2, "Forecasts", "Pricing"), (first!.TotalCount, first.Items!.Single().Name, second!.Items!.Single().Name));
        Assert.Null(second.NextPageToken);

        foreach (var each in (await api.Repos.GetAsync(cancellationToken: Ct))!.Items!)
            await api.Repos[each.Id!.Value].DeleteAsync(cancellationToken: Ct);
        var deleting = await api.ComputeEnvironments[environment.Id.Value].DeleteAsync(cancellationToken: Ct);
        Assert.Equal(ComputeEnvironmentStatus.Deleting, deleting!.Status);

        var anonymous = await Assert.ThrowsAsync<ProblemDetails>(() => Client("not-a-token").Api.V1.Customer.GetAsync(cancellationToken: Ct));
        Assert.Equal((401, ProblemCode.Unauthorized), (anonymous.ResponseStatusCode, anonymous.Code));
        var asMember = Client(await TokenAsync("mia@journey.test")).Api.V1;
        var forbidden = await Assert.ThrowsAsync<ProblemDetails>(() => asMember.ComputeEnvironments.PostAsync(
            new CreateEnvironmentRequest { Name = "not-mine", Cloud = CloudProvider.Gcp, Region = "us-central1" }, cancellationToken: Ct));
        Assert.Equal((403, ProblemCode.Forbidden), (forbidden.ResponseStatusCode, forbidden.Code));
        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => api.ComputeEnvironments[Guid.NewGuid()].GetAsync(cancellationToken: Ct));
        Assert.Equal((404, ProblemCode.NotFound), (missing.ResponseStatusCode, missing.Code));
        var invalid = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => api.ComputeEnvironments.PostAsync(
            new CreateEnvironmentRequest { Name = "9-starts-with-a-digit", Cloud = CloudProvider.Aws, Region = "us-east-1" }, cancellationToken: Ct));
        Assert.True(invalid.Errors!.AdditionalData.ContainsKey("name"));
    }

    private sealed class StaticToken(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
