using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>
/// In WAL mode, synchronous=NORMAL syncs at checkpoints rather than at every commit: a crash of the portal loses
/// nothing, a power cut may lose the last commits. It lifts write throughput several times over on the embedded database;
/// production runs on SQL Server. busy_timeout makes writers of several processes wait their turn instead of failing.
/// </summary>
internal sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
