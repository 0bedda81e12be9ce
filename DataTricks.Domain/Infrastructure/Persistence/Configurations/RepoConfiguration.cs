using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Repos;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class RepoConfiguration : IEntityTypeConfiguration<Repo>
{
    public void Configure(EntityTypeBuilder<Repo> builder)
    {
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.ToTable("Repos");
        builder.Property(r => r.Name).HasMaxLength(Repo.NameMaxLength);
        builder.Property(r => r.NormalizedName).HasMaxLength(Repo.NameMaxLength);
        builder.Property(r => r.SortKey).HasMaxLength(NaturalSortKey.MaxLengthFor(Repo.NameMaxLength));
        builder.Property(r => r.Description).HasMaxLength(Repo.DescriptionMaxLength);

        builder.HasAlternateKey(r => new { r.CustomerId, r.Id });
        builder.HasIndex(r => new { r.CustomerId, r.NormalizedName }).IsUnique();
        builder.HasIndex(r => new { r.CustomerId, r.SortKey });
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);

        // The environment must be the repo's own customer's, and cannot be removed while the repo uses it.
        builder.HasOne<ComputeEnvironment>().WithMany()
            .HasForeignKey(r => new { r.CustomerId, r.ComputeEnvironmentId })
            .HasPrincipalKey(e => new { e.CustomerId, e.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Restrict);
    }
}
