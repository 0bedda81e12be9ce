using System.Diagnostics;
using DataTricks.E2E.Support;

namespace DataTricks.E2E;

/// <summary>
/// The second generated client, kept honest: clients/typescript's types are what openapi-typescript makes of the
/// document the portal serves now, its journey compiles under tsc --strict, and it runs against a live portal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TypeScriptClientTests(BrowserFixture fixture)
{
    private static string ClientDirectory => Path.Combine(SolutionDirectory.Path, "clients", "typescript");

    [Fact]
    public async Task The_checked_in_types_are_generated_from_the_document_the_portal_serves()
    {
        using var http = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        var directory = Directory.CreateTempSubdirectory("datatricks-typescript-").FullName;
        var document = Path.Combine(directory, "openapi.json");
        var generated = Path.Combine(directory, "schema.d.ts");
        try
        {
            await File.WriteAllTextAsync(document, await http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

            await NodeAsync(["node_modules/openapi-typescript/bin/cli.js", document, "--output", generated]);

            Assert.True(
                await File.ReadAllTextAsync(generated, TestContext.Current.CancellationToken) == await File.ReadAllTextAsync(Path.Combine(ClientDirectory, "src", "schema.d.ts"), TestContext.Current.CancellationToken),
                "The API changed since clients/typescript was generated: run scripts/generate-client.sh and commit the result.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_journey_compiles_under_strict_typescript_and_runs_against_the_portal()
    {
        await NodeAsync(["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);

        var output = await NodeAsync(["dist/journey.js"], ("DATATRICKS_URL", fixture.Portal.BaseAddress.ToString().TrimEnd('/')));

        Assert.Contains("TypeScript journey passed", output);
    }

    private static async Task<string> NodeAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var info = new ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = ClientDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"node {string.Join(' ', arguments)} failed (run npm ci in clients/typescript): {await output}{await errors}");
        return await output;
    }
}
