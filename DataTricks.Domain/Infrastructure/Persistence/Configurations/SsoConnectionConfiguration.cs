using DataTricks.Domain.Customers;
using DataTricks.Domain.SingleSignOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class SsoConnectionConfiguration : IEntityTypeConfiguration<SsoConnection>
{
    public void Configure(EntityTypeBuilder<SsoConnection> builder)
    {
        builder.ToTable("SsoConnections");
        // One connection per customer: its id is the customer's.
        builder.HasKey(c => c.CustomerId);
        builder.HasOne<Customer>().WithOne().HasForeignKey<SsoConnection>(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Issuer).HasMaxLength(SsoSettingsRules.UrlMaxLength);
        builder.Property(c => c.ClientId).HasMaxLength(200);
        builder.Property(c => c.ProtectedClientSecret).HasMaxLength(4000);
        builder.Property(c => c.DefaultRole).HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasMany(c => c.Domains).WithOne().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.BreakGlassAdmins).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Domains).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.BreakGlassAdmins).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
