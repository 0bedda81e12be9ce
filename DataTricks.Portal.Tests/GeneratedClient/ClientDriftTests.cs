using System.Text.Json.Nodes;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.GeneratedClient;

public sealed class ClientDriftTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_checked_in_client_was_generated_from_the_document_the_portal_serves()
    {
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var generatedFrom = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SolutionDirectory.Path, "clients", "DataTricks.Client", "openapi.json"), TestContext.Current.CancellationToken));

        Assert.True(JsonNode.DeepEquals(served, generatedFrom),
            "The API changed since clients/DataTricks.Client was generated: run scripts/generate-client.sh and commit the result.");
    }
}
