using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class SsoLinkConfiguration : IEntityTypeConfiguration<SsoLink>
{
    public void Configure(EntityTypeBuilder<SsoLink> builder)
    {
        builder.ToTable("SsoLinks");
        // One user per provider person in a customer; the same person may be a user of two customers.
        builder.HasKey(l => new { l.CustomerId, l.Issuer, l.Subject });
        builder.Property(l => l.Issuer).HasMaxLength(SsoSettingsRules.UrlMaxLength);
        builder.Property(l => l.Subject).HasMaxLength(255);
        builder.HasOne<User>().WithMany()
            .HasForeignKey(l => new { l.CustomerId, l.UserId })
            .HasPrincipalKey(u => new { u.CustomerId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.CustomerId, l.UserId });
    }
}
