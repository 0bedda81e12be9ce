using DataTricks.Domain.Events;
using DataTricks.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasAlternateKey(d => new { d.CustomerId, d.Id });
        builder.LinksWithinCustomer<WebhookDelivery, WebhookEndpoint>(nameof(WebhookDelivery.EndpointId));
        // The event of the delivery's own customer; the events' retention takes their deliveries with them.
        builder.HasOne<CustomerEvent>().WithMany()
            .HasForeignKey(d => new { d.CustomerId, d.EventSequence })
            .HasPrincipalKey(e => new { e.CustomerId, e.Sequence })
            .OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.EventType).HasMaxLength(CustomerEvent.TypeMaxLength);
        builder.Property(d => d.LeaseOwner).HasMaxLength(200);
        builder.Property(d => d.LastResponse).HasMaxLength(WebhookAttempt.ResponseMaxLength);
        builder.Property(d => d.LastError).HasMaxLength(WebhookAttempt.ErrorMaxLength);
        // One delivery of an event per endpoint, whichever node dispatched it.
        builder.HasIndex(d => new { d.EndpointId, d.EventSequence }).IsUnique();
        // The dispatcher: an endpoint's pending deliveries in event order, the earlier ones of the same subject that hold
        // one back, and when the next retry is due.
        builder.HasIndex(d => new { d.EndpointId, d.Status, d.EventSequence });
        builder.HasIndex(d => new { d.EndpointId, d.SubjectId, d.Status, d.EventSequence });
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}
