using System.Text.Json;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class EnvironmentChangeConfiguration : IEntityTypeConfiguration<EnvironmentChange>
{
    public void Configure(EntityTypeBuilder<EnvironmentChange> builder)
    {
        builder.ToTable("EnvironmentChanges");
        // The database numbers changes as they are written: the order nodes tail them in.
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.Property(e => e.Origin).HasMaxLength(EnvironmentChange.OriginMaxLength);
        builder.Property(e => e.Snapshot).HasConversion(
            snapshot => JsonSerializer.Serialize(snapshot, EventJson.Options),
            json => JsonSerializer.Deserialize<EnvironmentSnapshot>(json, EventJson.Options)!);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.At);
    }
}
