using System.Diagnostics;
using DataTricks.E2E.Support;

namespace DataTricks.E2E;

/// <summary>
/// The tests run Node tools (the OpenID provider, the webhook verifier, the TypeScript client, the OpenAPI linters) with
/// the <c>node</c> on PATH, which <c>./test.sh</c> makes the one pinned in <c>tools/node</c>. Every pinned tool must
/// accept it: a machine's own Node may be older (Debian 12's is 18, below Redocly's 20.19).
/// </summary>
public sealed class NodeToolchainTests
{
    private static readonly string[] ToolFolders =
        ["tools/axe", "tools/oidc-provider", "tools/standard-webhooks", "tools/openapi-lint", "clients/typescript"];

    // npm's own semver reads the engines ranges the way npm does.
    private const string CheckEngines =
        """
        const [semverPath, ...folders] = process.argv.slice(1);
        const semver = require(semverPath);
        const path = require('path');
        const refused = [];
        for (const folder of folders) {
          const manifest = require(path.join(folder, 'package.json'));
          for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
            const range = require(path.join(folder, 'node_modules', name, 'package.json')).engines?.node;
            if (range && !semver.satisfies(process.version, range))
              refused.push(`${name} (${path.basename(folder)}) needs Node ${range}`);
          }
        }
        console.log(refused.length ? `Node ${process.version}: ${refused.join('; ')}` : `Node ${process.version}`);
        process.exit(refused.length ? 1 : 0);
        """;

    [Fact]
    public async Task Every_pinned_node_tool_accepts_the_node_the_tests_run()
    {
        var folders = ToolFolders.Select(f => Path.Combine(SolutionDirectory.Path, f)).ToList();
        var semver = Path.Combine(SolutionDirectory.Path, "tools", "node", "node_modules", "npm", "node_modules", "semver");
        foreach (var installed in folders.Select(f => Path.Combine(f, "node_modules")).Append(semver))
            Assert.True(Directory.Exists(installed), $"{installed} is missing: ./test.sh installs it (npm ci in its folder).");

        var info = new ProcessStartInfo("node", ["-e", CheckEngines, semver, .. folders])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(node.ExitCode == 0, $"{await output}{await errors}");
    }
}
