using DataTricks.Domain.Common;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("Groups");
        builder.Property(g => g.Name).HasMaxLength(Group.NameMaxLength);
        builder.Property(g => g.NormalizedName).HasMaxLength(Group.NameMaxLength);
        builder.Property(g => g.SortKey).HasMaxLength(NaturalSortKey.MaxLengthFor(Group.NameMaxLength));
        builder.Property(g => g.Description).HasMaxLength(Group.DescriptionMaxLength);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.Property(g => g.ExternalId).HasMaxLength(Group.ExternalIdMaxLength);
        builder.HasIndex(g => new { g.CustomerId, g.ExternalId });

        builder.HasAlternateKey(g => new { g.CustomerId, g.Id });
        builder.HasIndex(g => new { g.CustomerId, g.NormalizedName }).IsUnique();
        builder.HasIndex(g => new { g.CustomerId, g.SortKey });
        builder.HasOne<Customer>().WithMany().HasForeignKey(g => g.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
    }
}
