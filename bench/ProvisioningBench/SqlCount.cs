using System.Diagnostics;
using System.Text.Json;
using DataTricks.E2E.Support;

namespace DataTricks.Bench;

/// <summary>
/// The SQL a create costs: on a portal that logs every command it sends (EF Core's command and transaction logs, as
/// JSON lines with their scopes), the statements, commands and commits of the create requests, and those of the worker
/// and the event dispatch that follow them until every operation has succeeded. A command is one round trip to a
/// database server; a commit is one more. Statements are counted in the command text, which may batch several.
/// The portal's pollers (claims, the status and access outboxes, deliveries) query on their own clock whether there is
/// work or not: their idle rate, measured after, is printed, and taken off the worker's figures per step.
/// </summary>
internal static class SqlCount
{
    private const string CommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";
    private const string TransactionCategory = "Microsoft.EntityFrameworkCore.Database.Transaction";
    private static readonly string[] StatementStarts = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE"];

    public static async Task RunAsync(string label, PortalFiles files, BenchPlan plan)
    {
        await using var portal = await PortalProcess.StartAsync(files, new Dictionary<string, string>
        {
            ["SimulatedCloud:StepDelay"] = "00:00:00.200",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            [$"Logging:LogLevel:{CommandCategory}"] = "Information",
            [$"Logging:LogLevel:{TransactionCategory}"] = "Debug",
        });
        using var load = await CreateLoad.SignInAsync(portal);
        // The first creates build the model and the query caches; they are not what a create costs.
        for (var i = 0; i < 3; i++)
            await load.CreateAsync();
        await WaitUntilAllSucceededAsync(files);
        var from = portal.Output.Length;
        var working = Stopwatch.StartNew();
        for (var i = 0; i < plan.SqlCreates; i++)
            await load.CreateAsync();
        await WaitUntilAllSucceededAsync(files);
        var workedFor = working.Elapsed;
        var steps = StepsPerOperation(files);
        var idleFrom = portal.Output.Length;
        var idleFor = TimeSpan.FromSeconds(3);
        await Task.Delay(idleFor);
        var idle = Count(portal.Output[idleFrom..]).Background;
        var (requests, background) = Count(portal.Output[from..idleFrom]);
        var polling = idle.Scaled(workedFor / idleFor);

        Console.WriteLine($"SQL per create, {label}: the request {requests.Per(plan.SqlCreates)}; " +
                          $"the worker and event dispatch until it succeeded, pollers included, {background.Per(plan.SqlCreates)}; " +
                          $"per step ({steps:F1} steps), the pollers' idle rate taken off, {background.Minus(polling).Per(plan.SqlCreates * steps)}; " +
                          $"idle pollers {idle.Per(idleFor.TotalSeconds)} a second");
    }

    private static (Sql Requests, Sql Background) Count(string output)
    {
        var (requests, background) = (new Sql(), new Sql());
        foreach (var line in output.Split('\n').Where(l => l.StartsWith('{')))
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            var category = root.GetProperty("Category").GetString();
            var message = root.GetProperty("Message").GetString() ?? "";
            // A request's entries carry its path in their scopes; the worker's and the dispatcher's carry none.
            var sql = line.Contains("\"RequestPath\":", StringComparison.Ordinal) ? requests : background;
            if (category == CommandCategory && message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            {
                sql.Commands++;
                sql.Statements += (root.GetProperty("State").GetProperty("commandText").GetString() ?? "").Split('\n')
                    .Count(l => StatementStarts.Any(s => l.StartsWith(s, StringComparison.Ordinal)));
            }
            else if (category == TransactionCategory && message.StartsWith("Committed transaction", StringComparison.Ordinal))
                sql.Commits++;
        }
        return (requests, background);
    }

    private static async Task WaitUntilAllSucceededAsync(PortalFiles files)
    {
        var waited = Stopwatch.StartNew();
        while (Scalar(files, "SELECT COUNT(*) FROM \"Operations\" WHERE \"Status\" <> 'Succeeded'") > 0)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
                throw new InvalidOperationException("The bench's operations did not all succeed within 2 minutes.");
            await Task.Delay(100);
        }
        // The event dispatch runs after the worker's last commit.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    private static double StepsPerOperation(PortalFiles files) =>
        (double)Scalar(files, "SELECT COUNT(*) FROM \"OperationSteps\"") / Scalar(files, "SELECT COUNT(*) FROM \"Operations\"");

    private static long Scalar(PortalFiles files, string sql)
    {
        using var connection = files.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private sealed class Sql
    {
        public double Statements { get; set; }
        public double Commands { get; set; }
        public double Commits { get; set; }

        public Sql Scaled(double factor) => new() { Statements = Statements * factor, Commands = Commands * factor, Commits = Commits * factor };

        public Sql Minus(Sql other) => new()
        {
            Statements = Math.Max(0, Statements - other.Statements), Commands = Math.Max(0, Commands - other.Commands), Commits = Math.Max(0, Commits - other.Commits),
        };

        public string Per(double creates) =>
            $"{Statements / creates:F1} statements in {Commands / creates:F1} commands and {Commits / creates:F1} commits";
    }
}
