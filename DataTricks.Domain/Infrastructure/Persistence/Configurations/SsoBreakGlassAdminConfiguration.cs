using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class SsoBreakGlassAdminConfiguration : IEntityTypeConfiguration<SsoBreakGlassAdmin>
{
    public void Configure(EntityTypeBuilder<SsoBreakGlassAdmin> builder)
    {
        builder.ToTable("SsoBreakGlassAdmins");
        builder.HasKey(a => new { a.CustomerId, a.UserId });
        // Through (CustomerId, Id): only a user of the same customer can be its break-glass admin.
        builder.HasOne<User>().WithMany()
            .HasForeignKey(a => new { a.CustomerId, a.UserId })
            .HasPrincipalKey(u => new { u.CustomerId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
