namespace DataTricks.Domain.Infrastructure.CloudSimulator;

/// <summary>
/// The simulated cloud's own tables, created on first use; WAL lets several portals share them. <c>cloud_work</c> holds
/// every begun call with the time it will be done, so work in progress outlives a portal crash as a real cloud's would.
/// </summary>
internal static class SimulatedCloudSchema
{
    public const string Create =
        """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS cloud_resources (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            environment_id TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            deleted_at TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_cloud_resources_environment ON cloud_resources (environment_id);
        CREATE TABLE IF NOT EXISTS cloud_work (
            idempotency_key TEXT PRIMARY KEY,
            environment_id TEXT NOT NULL,
            call TEXT NOT NULL,
            ready_at TEXT NOT NULL,
            completed_at TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS cloud_calls (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            environment_id TEXT NOT NULL,
            call TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            outcome TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS cloud_faults (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            call TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('transient', 'permanent')),
            message TEXT NOT NULL,
            remaining INTEGER NOT NULL DEFAULT 1
        );
        """;

    /// <summary>Columns added after the first release, for cloud files made before them.</summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("cloud_resources", "ready_at", "TEXT NULL"),
    ];
}
