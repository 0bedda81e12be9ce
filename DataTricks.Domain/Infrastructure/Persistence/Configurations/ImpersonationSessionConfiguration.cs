using DataTricks.Domain.Customers;
using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataTricks.Domain.Infrastructure.Persistence.Configurations;

internal sealed class ImpersonationSessionConfiguration : IEntityTypeConfiguration<ImpersonationSession>
{
    public void Configure(EntityTypeBuilder<ImpersonationSession> builder)
    {
        builder.ToTable("ImpersonationSessions");
        builder.Property(s => s.Reason).HasMaxLength(ImpersonationSession.ReasonMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.StaffUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.StaffUserId, s.EndedAt });
    }
}
