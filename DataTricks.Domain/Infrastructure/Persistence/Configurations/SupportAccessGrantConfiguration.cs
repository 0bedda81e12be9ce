using DataTricks.Domain.Customers;
using DataTricks.Domain.SupportAccess;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class SupportAccessGrantConfiguration : IEntityTypeConfiguration<SupportAccessGrant>
{
    public void Configure(EntityTypeBuilder<SupportAccessGrant> builder)
    {
        builder.ToTable("SupportAccessGrants");
        builder.HasOne<Customer>().WithMany().HasForeignKey(g => g.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
        // At most one open grant per customer, whatever two admins do at once. Granted-by user ids are kept without
        // foreign keys, like the audit trail, so the record outlives the users it names.
        builder.HasIndex(g => g.CustomerId).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        builder.HasIndex(g => new { g.EndedAt, g.ExpiresAt });
    }
}
