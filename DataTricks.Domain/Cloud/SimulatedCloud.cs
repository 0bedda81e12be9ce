using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Cloud;

/// <summary>
/// A cloud that behaves like an external system: slow, sometimes failing, and keeping its resources in a SQLite
/// database of its own that outlives the portal. Besides the random fault rates, faults can be injected the way a
/// chaos tool would, by adding rows to its <c>cloud_faults</c> table; every call is logged in <c>cloud_calls</c>.
/// </summary>
public sealed class SimulatedCloud(IOptions<SimulatedCloudOptions> options, TimeProvider time) : ICloud
{
    private readonly SimulatedCloudOptions _options = options.Value;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private bool _schemaReady;

    public async Task<string> EnsureResourceAsync(CloudResourceRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var call = $"create {request.Kind}";
        await DelayAndMaybeFailAsync(connection, request.EnvironmentId, call, request.IdempotencyKey, permanentPossible: true, cancellationToken);

        var id = $"{request.Kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}";
        await ExecuteAsync(connection,
            """
            INSERT INTO cloud_resources (id, kind, environment_id, idempotency_key, created_at)
            VALUES ($id, $kind, $environment, $key, $now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            cancellationToken, ("$id", id), ("$kind", request.Kind.ToString()), ("$environment", request.EnvironmentId.ToString()),
            ("$key", request.IdempotencyKey), ("$now", Now()));
        var existing = await ScalarAsync(connection, "SELECT id FROM cloud_resources WHERE idempotency_key = $key", cancellationToken, ("$key", request.IdempotencyKey));

        // A real cloud can time out after doing the work: the caller then retries with the same key.
        await MaybeFailAfterWorkAsync(connection, request.EnvironmentId, call, request.IdempotencyKey, cancellationToken);
        await LogAsync(connection, request.EnvironmentId, call, request.IdempotencyKey, "ok", cancellationToken);
        return (string)existing!;
    }

    public async Task VerifyClusterAsync(Guid environmentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await DelayAndMaybeFailAsync(connection, environmentId, "verify cluster", idempotencyKey, permanentPossible: false, cancellationToken);
        var clusters = await ScalarAsync(connection,
            "SELECT COUNT(*) FROM cloud_resources WHERE environment_id = $environment AND kind = 'Cluster' AND deleted_at IS NULL",
            cancellationToken, ("$environment", environmentId.ToString()));
        if ((long)clusters! == 0)
            throw new PermanentCloudException("ClusterNotFound", "The cluster does not answer: it was not found in the cloud.");
        await LogAsync(connection, environmentId, "verify cluster", idempotencyKey, "ok", cancellationToken);
    }

    public async Task DeleteResourcesAsync(Guid environmentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await DelayAndMaybeFailAsync(connection, environmentId, "delete resources", idempotencyKey, permanentPossible: false, cancellationToken);
        await ExecuteAsync(connection,
            "UPDATE cloud_resources SET deleted_at = $now WHERE environment_id = $environment AND deleted_at IS NULL",
            cancellationToken, ("$now", Now()), ("$environment", environmentId.ToString()));
        await LogAsync(connection, environmentId, "delete resources", idempotencyKey, "ok", cancellationToken);
    }

    private async Task DelayAndMaybeFailAsync(
        SqliteConnection connection, Guid environmentId, string call, string key, bool permanentPossible, CancellationToken cancellationToken)
    {
        await Task.Delay(_options.StepDelay, time, cancellationToken);
        if (await TakeInjectedFaultAsync(connection, call, cancellationToken) is { } injected)
        {
            await LogAsync(connection, environmentId, call, key, $"{injected.Kind}: {injected.Message}", cancellationToken);
            throw injected.Kind == "permanent"
                ? new PermanentCloudException("InjectedFault", injected.Message)
                : new TransientCloudException("InjectedFault", injected.Message);
        }
        if (permanentPossible && Random.Shared.NextDouble() < _options.PermanentFailureRate)
        {
            await LogAsync(connection, environmentId, call, key, "permanent", cancellationToken);
            throw new PermanentCloudException("QuotaExceeded", $"The cloud refused to {call}: the account's quota is exhausted.");
        }
        if (Random.Shared.NextDouble() < _options.TransientFailureRate / 2)
        {
            await LogAsync(connection, environmentId, call, key, "transient", cancellationToken);
            throw new TransientCloudException("Throttled", "The cloud is throttling requests.");
        }
    }

    private async Task MaybeFailAfterWorkAsync(SqliteConnection connection, Guid environmentId, string call, string key, CancellationToken cancellationToken)
    {
        if (Random.Shared.NextDouble() < _options.TransientFailureRate / 2)
        {
            await LogAsync(connection, environmentId, call, key, "transient after work", cancellationToken);
            throw new TransientCloudException("Timeout", "The cloud did not answer in time.");
        }
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> calls named <paramref name="call"/> ("create Network", "create Storage",
    /// "create Cluster", "verify cluster", "delete resources") fail, as a chaos tool would. Every portal sharing this
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
    private static async Task<InjectedFault?> TakeInjectedFaultAsync(SqliteConnection connection, string call, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            UPDATE cloud_faults SET remaining = remaining - 1
            WHERE id = (SELECT id FROM cloud_faults WHERE call = $call AND remaining > 0 ORDER BY id LIMIT 1)
            RETURNING kind, message
            """;
        command.Parameters.AddWithValue("$call", call);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new InjectedFault(reader.GetString(0), reader.GetString(1)) : null;
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
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private Task LogAsync(SqliteConnection connection, Guid environmentId, string call, string key, string outcome, CancellationToken cancellationToken) =>
        ExecuteAsync(connection,
            "INSERT INTO cloud_calls (environment_id, call, idempotency_key, outcome, at) VALUES ($environment, $call, $key, $outcome, $now)",
            cancellationToken, ("$environment", environmentId.ToString()), ("$call", call), ("$key", key), ("$outcome", outcome), ("$now", Now()));

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
