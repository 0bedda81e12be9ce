using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// Holds one read after the database has answered it and before its rows are used, until the test lets it go: a slow
/// read that finishes after reads that started later, with what the database held when it ran.
/// </summary>
internal sealed class ReadGate : DbCommandInterceptor
{
    private Func<string, bool>? _matches;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next read whose SQL <paramref name="matches"/> is held; completes once it is.</summary>
    public Task HoldNextAsync(Func<string, bool> matches)
    {
        _matches = matches;
        return _held.Task;
    }

    public void Release() => _released.TrySetResult();

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (_matches is { } matches && matches(command.CommandText) && Interlocked.CompareExchange(ref _matches, null, matches) == matches)
        {
            _held.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
        return result;
    }
}
