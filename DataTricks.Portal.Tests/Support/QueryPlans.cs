using System.Data.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// How the database would run the queries a piece of work sends: the queries are recorded as they go, then each is
/// explained, with its parameters, on a connection of its own, on statistics of the test's own rows. PostgreSQL is told
/// to avoid sequential scans, so a plan that still has one has no index to use, whatever the few rows of a test make the
/// cheapest.
/// </summary>
internal sealed class QueryPlans(TestDatabase database) : DbCommandInterceptor
{
    private List<(string Sql, (string Name, object? Value, System.Data.DbType Type)[] Parameters)>? _recorded;

    /// <summary>Each query (select) <paramref name="work"/> sent, and its plan as one text.</summary>
    public async Task<List<(string Sql, string Plan)>> OfAsync(Func<Task> work)
    {
        var recorded = new List<(string, (string, object?, System.Data.DbType)[])>();
        _recorded = recorded;
        try
        {
            await work();
        }
        finally
        {
            _recorded = null;
        }
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // Test databases are emptied and reused (PostgresDatabasePool): without this, the planner would still judge by the
        // statistics of an earlier test's rows (a CI run planned the dispatcher's query along another index that way).
        if (database.Provider == DatabaseProvider.PostgreSql)
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var plans = new List<(string, string)>();
        foreach (var (sql, parameters) in recorded)
        {
            if (database.Provider == DatabaseProvider.PostgreSql)
                await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
            await using var explain = connection.CreateCommand();
            explain.CommandText = (database.Provider == DatabaseProvider.PostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
            foreach (var (name, value, type) in parameters)
            {
                var parameter = explain.CreateParameter();
                (parameter.ParameterName, parameter.Value, parameter.DbType) = (name, value ?? DBNull.Value, type);
                explain.Parameters.Add(parameter);
            }
            await using var reader = await explain.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
                lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
            plans.Add((sql, string.Join("\n", lines)));
        }
        return plans;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // Reads only: explaining a batch of writes would explain its first statement and run the others.
        if (command.CommandText.StartsWith("SELECT", StringComparison.Ordinal))
            _recorded?.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value, p.DbType)).ToArray()));
        return ValueTask.FromResult(result);
    }
}
