using DataTricks.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("WebhookAttempts");
        builder.HasOne<WebhookDelivery>().WithMany()
            .HasForeignKey(a => new { a.CustomerId, a.DeliveryId })
            .HasPrincipalKey(d => new { d.CustomerId, d.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Response).HasMaxLength(WebhookAttempt.ResponseMaxLength);
        builder.Property(a => a.Error).HasMaxLength(WebhookAttempt.ErrorMaxLength);
        // The delivery log of an endpoint, newest first.
        builder.HasIndex(a => new { a.EndpointId, a.At });
    }
}
