using DataTricks.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class AccessChangeConfiguration : IEntityTypeConfiguration<AccessChange>
{
    public void Configure(EntityTypeBuilder<AccessChange> builder)
    {
        builder.ToTable("AccessChanges");
        // Numbered as written, like the status events: the order nodes tail them in. No foreign key: a deleted user's
        // change must still reach their open pages.
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedOnAdd();
        builder.Property(c => c.Origin).HasMaxLength(EnvironmentChange.OriginMaxLength);
        builder.HasIndex(c => c.At);
    }
}
