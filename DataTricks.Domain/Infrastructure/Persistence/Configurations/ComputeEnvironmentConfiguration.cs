using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class ComputeEnvironmentConfiguration : IEntityTypeConfiguration<ComputeEnvironment>
{
    public void Configure(EntityTypeBuilder<ComputeEnvironment> builder)
    {
        builder.ToTable("ComputeEnvironments", t =>
            t.HasCheckConstraint("CK_ComputeEnvironments_Workers",
                $"\"MinWorkers\" >= 1 AND \"MinWorkers\" <= \"MaxWorkers\" AND \"MaxWorkers\" <= {ComputeEnvironmentRules.MaxWorkersLimit}"));
        builder.Property(e => e.Name).HasMaxLength(ComputeEnvironmentRules.NameMaxLength);
        builder.Property(e => e.NormalizedName).HasMaxLength(ComputeEnvironmentRules.NameMaxLength);
        builder.Property(e => e.SortKey).HasMaxLength(NaturalSortKey.MaxLengthFor(ComputeEnvironmentRules.NameMaxLength));
        builder.Property(e => e.Region).HasMaxLength(32);
        builder.Property(e => e.NodeType).HasMaxLength(ComputeEnvironmentRules.NodeTypeMaxLength);
        builder.Property(e => e.StatusMessage).HasMaxLength(ComputeEnvironmentRules.StatusMessageMaxLength);
        builder.Property(e => e.Version).IsConcurrencyToken();

        builder.HasAlternateKey(e => new { e.CustomerId, e.Id });
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);

        // A deleted environment stays as a tombstone and frees its name. Quoted identifiers work on every provider.
        builder.HasIndex(e => new { e.CustomerId, e.NormalizedName })
            .IsUnique()
            .HasFilter($"\"Status\" <> '{nameof(ComputeEnvironmentStatus.Deleted)}'");
        builder.HasIndex(e => new { e.CustomerId, e.CreatedAt });
        builder.HasIndex(e => new { e.CustomerId, e.SortKey });
    }
}
