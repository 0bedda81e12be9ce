using DataTricks.Domain.ComputeEnvironments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.HasKey(r => new { r.CustomerId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasOne<ComputeEnvironment>().WithMany()
            .HasForeignKey(r => new { r.CustomerId, r.ComputeEnvironmentId })
            .HasPrincipalKey(e => new { e.CustomerId, e.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Restrict);
    }
}
