using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

using DataTricks.Domain.Cloud;

namespace DataTricks.Domain.Infrastructure.CloudSimulator;

/// <summary>
/// A cloud that behaves like an external system: calls answer at once with work that takes
/// <see cref="SimulatedCloudOptions.StepDelay"/> to finish, sometimes fail, and are kept in a SQLite database of its own
/// that outlives the portal. Besides the random fault rates, faults can be injected the way a
/// chaos tool would, by adding rows to its <c>cloud_faults</c> table; every call is logged in <c>cloud_calls</c>.
/// </summary>
public sealed class SimulatedCloud(IOptions<SimulatedCloudOptions> options, TimeProvider time) : ICloud
{
    private readonly SimulatedCloudOptions _options = options.Value;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private bool _schemaReady;

    public async Task<CloudProgress> BeginAsync(CloudCall call, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (await WorkAsync(connection, call.IdempotencyKey, cancellationToken) is not null)
        {
            // The same key again: the work the first call started, not new work.
            await LogAsync(connection, call, "found", cancellationToken);
            return await ProgressAsync(connection, call, cancellationToken);
        }
        await MaybeFailAsync(connection, call, cancellationToken);

        var readyAt = time.GetUtcNow() + _options.StepDelay;
        // A real cloud can time out after starting the work: the caller then begins again with the same key.
        var failsAfterWork = Random.Shared.NextDouble() < _options.TransientFailureRate / 2;
        // The work, the resource it makes and the call's log line appear together or not at all, as in a real cloud: a
        // caller that dies between them must not leave work behind that a retry would find without its resource.
        var resource = call.Makes is { } kind
            ? """
              INSERT INTO cloud_resources (id, kind, environment_id, idempotency_key, created_at, ready_at)
              VALUES ($id, $kind, $environment, $key, $now, $ready)
              ON CONFLICT (idempotency_key) DO NOTHING;
              """
            : "";
        await ExecuteAsync(connection,
            $"""
            BEGIN IMMEDIATE;
            INSERT INTO cloud_work (idempotency_key, environment_id, call, ready_at) VALUES ($key, $environment, $call, $ready)
            ON CONFLICT (idempotency_key) DO NOTHING;
            {resource}
            {LogStatement};
            COMMIT;
            """,
            cancellationToken, ("$key", call.IdempotencyKey), ("$environment", call.EnvironmentId.ToString()), ("$call", call.Name),
            ("$ready", Format(readyAt)), ("$id", $"{call.Makes?.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"),
            ("$kind", call.Makes?.ToString() ?? ""), ("$now", Now()), ("$outcome", failsAfterWork ? "transient after work" : "ok"));
        if (failsAfterWork)
            throw new TransientCloudException("Timeout", "The cloud did not answer in time.");
        return await ProgressAsync(connection, call, cancellationToken);
    }

    public async Task<CloudProgress> CheckAsync(CloudCall call, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ProgressAsync(connection, call, cancellationToken);
    }

    public async Task<IReadOnlySet<CloudResourceKind>> LiveResourcesAsync(Guid environmentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, ready_at FROM cloud_resources WHERE environment_id = $environment AND deleted_at IS NULL";
        command.Parameters.AddWithValue("$environment", environmentId.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var live = new HashSet<CloudResourceKind>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(1) || Parse(reader.GetString(1)) <= time.GetUtcNow())
                live.Add(Enum.Parse<CloudResourceKind>(reader.GetString(0)));
        }
        return live;
    }

    /// <summary>Done, due, or unknown; work whose time has come takes its effect now, once.</summary>
    private async Task<CloudProgress> ProgressAsync(SqliteConnection connection, CloudCall call, CancellationToken cancellationToken)
    {
        if (await WorkAsync(connection, call.IdempotencyKey, cancellationToken) is not { } work)
            return CloudProgress.Unknown;
        if (work.Completed)
            return CloudProgress.Finished;
        if (time.GetUtcNow() < work.ReadyAt)
            return CloudProgress.Until(work.ReadyAt);

        switch (call.Kind)
        {
            case CloudCallKind.VerifyCluster or CloudCallKind.ResizeCluster
                when !(await LiveResourcesAsync(call.EnvironmentId, cancellationToken)).Contains(CloudResourceKind.Cluster):
                await LogAsync(connection, call, "permanent: cluster not found", cancellationToken);
                throw new PermanentCloudException("ClusterNotFound", "The cluster does not answer: it was not found in the cloud.");
            case CloudCallKind.DeleteResources:
                await ExecuteAsync(connection,
                    "UPDATE cloud_resources SET deleted_at = $now WHERE environment_id = $environment AND deleted_at IS NULL",
                    cancellationToken, ("$now", Now()), ("$environment", call.EnvironmentId.ToString()));
                break;
        }
        await ExecuteAsync(connection, "UPDATE cloud_work SET completed_at = $now WHERE idempotency_key = $key AND completed_at IS NULL",
            cancellationToken, ("$now", Now()), ("$key", call.IdempotencyKey));
        return CloudProgress.Finished;
    }

    private sealed record Work(DateTimeOffset ReadyAt, bool Completed);

    private static async Task<Work?> WorkAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ready_at, completed_at FROM cloud_work WHERE idempotency_key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Work(Parse(reader.GetString(0)), !reader.IsDBNull(1)) : null;
    }

    private async Task MaybeFailAsync(SqliteConnection connection, CloudCall call, CancellationToken cancellationToken)
    {
        if (await TakeInjectedFaultAsync(connection, call.Name, cancellationToken) is { } injected)
        {
            await LogAsync(connection, call, $"{injected.Kind}: {injected.Message}", cancellationToken);
            throw injected.Kind == "permanent"
                ? new PermanentCloudException("InjectedFault", injected.Message)
                : new TransientCloudException("InjectedFault", injected.Message);
        }
        if (call.Makes is not null && Random.Shared.NextDouble() < _options.PermanentFailureRate)
        {
            await LogAsync(connection, call, "permanent", cancellationToken);
            throw new PermanentCloudException("QuotaExceeded", $"The cloud refused to {call.Name}: the account's quota is exhausted.");
        }
        if (Random.Shared.NextDouble() < _options.TransientFailureRate / 2)
        {
            await LogAsync(connection, call, "transient", cancellationToken);
            throw new TransientCloudException("Throttled", "The cloud is throttling requests.");
        }
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> calls named <paramref name="call"/> ("create Network", "create Storage",
    /// "create Cluster", "verify cluster", "resize cluster", "delete resources") fail when begun, as a chaos tool would. Every portal sharing this
    /// cloud's store sees the fault.
    /// </summary>
    public async Task InjectFaultAsync(string call, bool permanent, string message, int times = 1, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO cloud_faults (call, kind, message, remaining) VALUES ($call, $kind, $message, $times)",
            cancellationToken, ("$call", call), ("$kind", permanent ? "permanent" : "transient"), ("$message", message), ("$times", times));
    }

    private sealed record InjectedFault(string Kind, string Message);

    /// <summary>Consumes one injected fault for the call (e.g. "create Cluster"), if a row of <c>cloud_faults</c> has any left.</summary>
    private async Task<InjectedFault?> TakeInjectedFaultAsync(SqliteConnection connection, string call, CancellationToken cancellationToken)
    {
        // Looking is a read, which waits for no writer; taking one is a write, made only when there is one.
        if ((long)(await ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM cloud_faults WHERE call = $call AND remaining > 0)", cancellationToken, ("$call", call)))! == 0)
            return null;
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            UPDATE cloud_faults SET remaining = remaining - 1
            WHERE id = (SELECT id FROM cloud_faults WHERE call = $call AND remaining > 0 ORDER BY id LIMIT 1)
            RETURNING kind, message
            """;
        command.Parameters.AddWithValue("$call", call);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new InjectedFault(reader.GetString(0), reader.GetString(1)) : null;
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_schemaReady)
            await EnsureSchemaAsync(connection, cancellationToken);
        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
                return;
            await ExecuteAsync(connection, SimulatedCloudSchema.Create, cancellationToken);
            foreach (var (table, column, definition) in SimulatedCloudSchema.AddedColumns)
            {
                var present = await ScalarAsync(connection, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column", cancellationToken, ("$column", column));
                if ((long)present! == 0)
                    await ExecuteAsync(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}", cancellationToken);
            }
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private const string LogStatement =
        "INSERT INTO cloud_calls (environment_id, call, idempotency_key, outcome, at) VALUES ($environment, $call, $key, $outcome, $now)";

    private Task LogAsync(SqliteConnection connection, CloudCall call, string outcome, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, LogStatement,
            cancellationToken, ("$environment", call.EnvironmentId.ToString()), ("$call", call.Name), ("$key", call.IdempotencyKey), ("$outcome", outcome), ("$now", Now()));

    private string Now() => Format(time.GetUtcNow());

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>A write: the writers of this process take turns here rather than in SQLite's busy handler (see SqliteWriteGate).</summary>
    private async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
