namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// What a live page last loaded. Its loads overlap (changes arriving in quick succession, a navigation during a reload)
/// and finish in any order; only a load started after the one shown may replace it, so the page never goes back to what
/// an earlier read found. Used from the renderer's sync context, like the page's state.
/// </summary>
public sealed class LatestLoad<T>
{
    private int _started;
    private int _shown;

    public T? Value { get; private set; }

    /// <summary>Runs <paramref name="load"/>; returns whether its value is now the one shown.</summary>
    public async Task<bool> LoadAsync(Func<Task<T>> load)
    {
        var number = ++_started;
        var value = await load();
        if (number < _shown)
            return false;
        (_shown, Value) = (number, value);
        return true;
    }
}
