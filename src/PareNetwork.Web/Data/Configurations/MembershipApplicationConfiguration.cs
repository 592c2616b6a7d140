using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Adhesions;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class MembershipApplicationConfiguration : IEntityTypeConfiguration<MembershipApplication>
{
    public void Configure(EntityTypeBuilder<MembershipApplication> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasField("_status").HasConversion<string>().HasMaxLength(30).IsConcurrencyToken();
        builder.HasIndex(a => new { a.Status, a.CreatedAt });
        builder.Property(a => a.ApplicantName).HasMaxLength(200);
        builder.Property(a => a.ApplicantRole).HasMaxLength(200);
        builder.Property(a => a.ApplicantEmail).HasMaxLength(254);
        builder.Property(a => a.ApplicantPhone).HasMaxLength(50);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Expectations).HasMaxLength(2000);
        builder.Property(a => a.CharterAccepted).HasMaxLength(40);
        builder.Property(a => a.ConsentAccepted).HasMaxLength(40);
        builder.Property(a => a.Question).HasMaxLength(2000);
        builder.Property(a => a.DecidedBy).HasMaxLength(200);
        builder.Property(a => a.RefusalReason).HasMaxLength(1000);
        builder.HasOne<Structure>().WithMany().HasForeignKey(a => a.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LinkRequest>().WithMany().HasForeignKey(a => a.LinkRequestId).OnDelete(DeleteBehavior.SetNull);
    }
}
