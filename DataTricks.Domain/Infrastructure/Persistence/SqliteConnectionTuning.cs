using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>
/// In WAL mode, synchronous=NORMAL syncs at checkpoints rather than at every commit: a crash of the portal loses
/// nothing, a power cut may lose the last commits. It lifts write throughput several times over on the embedded database;
/// production runs on SQL Server. busy_timeout makes writers of several processes wait their turn instead of failing.
/// Both stay with the connection SQLite keeps in its pool, so they are set once per connection, not at every open.
/// </summary>
internal sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    private readonly ConditionalWeakTable<sqlite3, object> _tuned = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsNew(connection))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsNew(connection))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private bool IsNew(DbConnection connection) =>
        ((SqliteConnection)connection).Handle is not { } handle || _tuned.TryAdd(handle, this);
}
