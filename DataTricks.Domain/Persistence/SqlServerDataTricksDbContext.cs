using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Persistence;

public sealed class SqlServerDataTricksDbContext(DbContextOptions<SqlServerDataTricksDbContext> options) : DataTricksDbContext(options);
