using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> builder)
    {
        builder.ToTable("PortalSessions");
        // A session of a user of its own customer; removing the user removes their sessions.
        builder.HasOne<User>().WithMany()
            .HasForeignKey(s => new { s.CustomerId, s.UserId })
            .HasPrincipalKey(u => new { u.CustomerId, u.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CustomerId, s.UserId });
    }
}
