using Microsoft.JSInterop;
using MudBlazor;

namespace DataTricks.Portal.Components.Shared;

/// <summary>Copies a value to the person's clipboard and says so, or says how to copy it by hand when the browser refuses.</summary>
public sealed class Clipboard(IJSRuntime js, ISnackbar snackbar)
{
    public async Task CopyAsync(string value, string what)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./clipboard.js");
            await module.InvokeVoidAsync("copy", value);
            snackbar.Add($"{what} copied.", Severity.Success);
        }
        catch (JSException)
        {
            // No permission, or not a secure page: the value stays on screen to copy by hand.
            snackbar.Add($"The browser did not allow copying; select the {what.ToLowerInvariant()} and copy it.", Severity.Warning);
        }
    }
}
