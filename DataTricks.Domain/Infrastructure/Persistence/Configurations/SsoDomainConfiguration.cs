using DataTricks.Domain.SingleSignOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class SsoDomainConfiguration : IEntityTypeConfiguration<SsoDomain>
{
    public void Configure(EntityTypeBuilder<SsoDomain> builder)
    {
        builder.ToTable("SsoDomains");
        // The domain alone is the key: an address signs in through one customer's provider, whatever two admins do at once.
        builder.HasKey(d => d.Name);
        builder.Property(d => d.Name).HasMaxLength(253);
        builder.HasIndex(d => d.CustomerId);
    }
}
