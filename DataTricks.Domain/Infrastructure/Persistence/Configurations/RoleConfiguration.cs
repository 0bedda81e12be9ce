using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    // Fixed ids and stamps: the roles are part of the schema, seeded by the migrations of every provider.
    private static readonly (string Name, Guid Id)[] SeededRoles =
    [
        (Roles.Admin, Guid.Parse("6a1f3b52-0c1d-4f0e-9a51-2f5d7c1e0a01")),
        (Roles.Member, Guid.Parse("6a1f3b52-0c1d-4f0e-9a51-2f5d7c1e0a02")),
        (Roles.Support, Guid.Parse("6a1f3b52-0c1d-4f0e-9a51-2f5d7c1e0a03")),
    ];

    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder)
    {
        builder.ToTable("Roles");
        builder.HasData(SeededRoles.Select(r => new IdentityRole<Guid>
        {
            Id = r.Id,
            Name = r.Name,
            NormalizedName = r.Name.ToUpperInvariant(),
            ConcurrencyStamp = r.Id.ToString(),
        }));
    }
}
