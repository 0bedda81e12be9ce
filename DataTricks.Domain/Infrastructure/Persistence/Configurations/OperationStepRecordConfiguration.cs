using DataTricks.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class OperationStepRecordConfiguration : IEntityTypeConfiguration<OperationStepRecord>
{
    public void Configure(EntityTypeBuilder<OperationStepRecord> builder)
    {
        builder.ToTable("OperationSteps");
        builder.HasKey(s => new { s.OperationId, s.Step });
        builder.Property(s => s.Step).HasMaxLength(32);
        builder.Property(s => s.Error).HasMaxLength(Operation.ErrorMessageMaxLength);
        builder.HasOne<Operation>().WithMany()
            .HasForeignKey(s => new { s.CustomerId, s.OperationId })
            .HasPrincipalKey(o => new { o.CustomerId, o.Id })
            .IsRequired()
            .OnDelete(DeleteBehavior.Cascade);
    }
}
