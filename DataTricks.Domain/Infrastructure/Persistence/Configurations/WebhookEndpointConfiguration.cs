using DataTricks.Domain.Customers;
using DataTricks.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.HasAlternateKey(w => new { w.CustomerId, w.Id });
        builder.Property(w => w.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        builder.Property(w => w.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        // Event type names hold no comma; the list is read whole, never queried into.
        builder.Property(w => w.EventTypes)
            .HasConversion(types => string.Join(',', types), text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), list => string.Join(',', list).GetHashCode(StringComparison.Ordinal), list => list.ToArray()))
            .HasMaxLength(2000);
        builder.Property(w => w.ProtectedSecret).HasMaxLength(1000);
        builder.Property(w => w.ProtectedPreviousSecret).HasMaxLength(1000);
        builder.Property(w => w.DisabledReason).HasMaxLength(500);
        builder.HasIndex(w => new { w.CustomerId, w.CreatedAt });
        builder.HasOne<Customer>().WithMany().HasForeignKey(w => w.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
    }
}
