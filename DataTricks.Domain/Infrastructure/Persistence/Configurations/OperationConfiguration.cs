using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> builder)
    {
        builder.ToTable("Operations");
        builder.Ignore(o => o.IsDone);
        builder.Property(o => o.ErrorCode).HasMaxLength(64);
        builder.Property(o => o.ErrorMessage).HasMaxLength(Operation.ErrorMessageMaxLength);
        builder.Property(o => o.LeaseOwner).HasMaxLength(100).IsConcurrencyToken();

        builder.HasOne<ComputeEnvironment>().WithMany()
            .HasForeignKey(o => new { o.CustomerId, o.ComputeEnvironmentId })
            .HasPrincipalKey(e => new { e.CustomerId, e.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasAlternateKey(o => new { o.CustomerId, o.Id });
        // The worker claims unfinished operations that are due, earliest first, and sleeps until the next due time.
        builder.HasIndex(o => new { o.Status, o.DueAt });
        // The few operations whose lease is running, for the worker's next wake-up (OperationLeases.NextDueAsync).
        builder.HasIndex(o => o.LeaseExpiresAt);
        builder.HasIndex(o => new { o.CustomerId, o.ComputeEnvironmentId, o.CreatedAt });
    }
}
