using DataTricks.Domain.Auditing;
using DataTricks.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(a => a.Action).HasMaxLength(AuditEvent.ActionMaxLength);
        builder.Property(a => a.TargetType).HasMaxLength(AuditEvent.ActionMaxLength);
        builder.Property(a => a.TargetId).HasMaxLength(AuditEvent.TargetMaxLength);
        builder.Property(a => a.Details).HasMaxLength(AuditEvent.DetailsMaxLength);
        builder.Property(a => a.DirectoryName).HasMaxLength(Scim.ScimToken.NameMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CustomerId, a.OccurredAt });
    }
}
