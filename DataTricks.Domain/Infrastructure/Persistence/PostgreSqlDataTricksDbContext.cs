using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>The schema on PostgreSQL, for several portal nodes sharing one database server.</summary>
public sealed class PostgreSqlDataTricksDbContext(DbContextOptions<PostgreSqlDataTricksDbContext> options, ITenantContext tenant)
    : DataTricksDbContext(options, tenant);
