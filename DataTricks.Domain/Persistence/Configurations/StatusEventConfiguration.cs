using DataTricks.Domain.Customers;
using DataTricks.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Persistence.Configurations;

internal sealed class StatusEventConfiguration : IEntityTypeConfiguration<StatusEvent>
{
    public void Configure(EntityTypeBuilder<StatusEvent> builder)
    {
        builder.ToTable("StatusEvents");
        // The database numbers events as they are written: the order nodes tail them in.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.Property(e => e.Name).HasMaxLength(64);
        builder.Property(e => e.StatusMessage).HasMaxLength(1000);
        builder.Property(e => e.Origin).HasMaxLength(StatusEvent.OriginMaxLength);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.At);
    }
}
