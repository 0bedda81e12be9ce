using Microsoft.JSInterop;

namespace DataTricks.Portal.Components.Layout;

/// <summary>
/// The light or dark theme a person chose, remembered in a cookie of this browser for a year, so every page load
/// starts in it. Without a choice the portal follows the system's preference.
/// </summary>
public sealed class ThemePreference(IJSRuntime js)
{
    public const string CascadeName = "ThemeChoice";
    public const string Dark = "dark";
    public const string Light = "light";
    private const string Cookie = "dt_theme";

    /// <summary>The remembered choice, or null when there is none (or the cookie holds anything else).</summary>
    public static string? Read(HttpContext context) =>
        context.Request.Cookies[Cookie] is Dark or Light ? context.Request.Cookies[Cookie] : null;

    public async Task RememberAsync(string choice)
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./theme.js");
        await module.InvokeVoidAsync("remember", Cookie, choice);
    }
}
