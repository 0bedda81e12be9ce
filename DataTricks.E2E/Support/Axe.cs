using System.Text.Json;
using Microsoft.Playwright;

namespace DataTricks.E2E.Support;

/// <summary>
/// axe-core (pinned in tools/axe) run inside the page against WCAG 2.1 A and AA. It is evaluated through the
/// browser's debugging protocol, which the page's Content-Security-Policy does not govern, so the portal's CSP stays
/// as strict in the test as in production.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(SolutionDirectory.Path, "tools", "axe", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: run `npm ci` in tools/axe (the test command does).");
    });

    /// <summary>The serious and critical violations on the page as it is now, one line each, naming the elements.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                return results.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        return [.. result.EnumerateArray().Select(v => v.GetString()!)];
    }
}
