using DataTricks.Domain.Common;
using DataTricks.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.ToTable("Customers");
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.NormalizedName).HasMaxLength(Customer.NameMaxLength);
        builder.HasIndex(c => c.NormalizedName).IsUnique();
        builder.Property(c => c.SortKey).HasMaxLength(NaturalSortKey.MaxLengthFor(Customer.NameMaxLength));
        builder.HasIndex(c => c.SortKey);
    }
}
