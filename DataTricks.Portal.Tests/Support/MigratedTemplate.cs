using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// One database of the run's provider migrated to the latest schema, made once per test process, which every migrated
/// test database is a copy of: copying (the file on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL) costs a
/// fraction of running every migration again for each of the run's hundred-odd databases. Removed when the process ends.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<string> Name = new(Create);

    /// <summary>Makes <paramref name="name"/> (a SQLite file, or a PostgreSQL database) a copy of the template.</summary>
    public static void CopyTo(string name)
    {
        if (TestProvider.IsPostgreSql)
        {
            TempDatabase.OnPostgresServer($"CREATE DATABASE \"{name}\" TEMPLATE \"{Name.Value}\"");
            return;
        }
        File.Copy(Name.Value, name);
    }

    private static string Create()
    {
        var name = TestProvider.IsPostgreSql ? $"dt_template_{Guid.NewGuid():N}" : Path.Combine(Path.GetTempPath(), $"datatricks-template-{Guid.NewGuid():N}.db");
        // Unpooled, so that no connection stays open on it: PostgreSQL copies only a database nobody is connected to,
        // and a SQLite file is whole once its last connection is closed.
        var connectionString = TestProvider.IsPostgreSql ? $"{TestProvider.PostgresServer};Database={name};Pooling=false" : $"Data Source={name};Pooling=false";
        using (var db = TempDatabase.ContextOn(connectionString, TenantScope.System))
            db.Database.Migrate();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(name);
        return name;
    }

    private static void Remove(string name)
    {
        if (TestProvider.IsPostgreSql)
            TempDatabase.OnPostgresServer($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        else
            File.Delete(name);
    }
}
