using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Infrastructure.Persistence;

public sealed class SqlServerDataTricksDbContext(DbContextOptions<SqlServerDataTricksDbContext> options, ITenantContext tenant)
    : DataTricksDbContext(options, tenant);
