using DataTricks.Domain.Customers;
using DataTricks.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class CustomerEventConfiguration : IEntityTypeConfiguration<CustomerEvent>
{
    public void Configure(EntityTypeBuilder<CustomerEvent> builder)
    {
        builder.ToTable("CustomerEvents");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(e => e.Id).IsUnique();
        builder.Property(e => e.Type).HasMaxLength(CustomerEvent.TypeMaxLength);
        // Two sequencers dispatching one event: the second finds it dispatched and starts over (see EventSequencer).
        builder.Property(e => e.DispatchedAt).IsConcurrencyToken();
        builder.HasIndex(e => e.Position).IsUnique();
        // The feed: a customer's events after a position. The sequencer: events not dispatched yet, in written order.
        builder.HasIndex(e => new { e.CustomerId, e.Position });
        builder.HasIndex(e => new { e.DispatchedAt, e.Sequence });
        builder.HasIndex(e => e.OccurredAt);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
    }
}
