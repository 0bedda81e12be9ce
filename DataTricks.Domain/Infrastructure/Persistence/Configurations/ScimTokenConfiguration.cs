using DataTricks.Domain.Customers;
using DataTricks.Domain.Scim;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class ScimTokenConfiguration : IEntityTypeConfiguration<ScimToken>
{
    public void Configure(EntityTypeBuilder<ScimToken> builder)
    {
        builder.ToTable("ScimTokens");
        builder.Property(t => t.Name).HasMaxLength(ScimToken.NameMaxLength);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.Prefix).HasMaxLength(32);
        builder.HasIndex(t => t.Prefix).IsUnique();
        builder.HasIndex(t => new { t.CustomerId, t.CreatedAt });
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).IsRequired().OnDelete(DeleteBehavior.Cascade);
    }
}
