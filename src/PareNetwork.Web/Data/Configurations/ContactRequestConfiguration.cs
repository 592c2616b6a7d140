using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.ContactRequests;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class ContactRequestConfiguration : IEntityTypeConfiguration<ContactRequest>
{
    public void Configure(EntityTypeBuilder<ContactRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasField("_status").HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.Property(r => r.RequesterName).HasMaxLength(200);
        builder.Property(r => r.RequesterRole).HasMaxLength(200);
        builder.Property(r => r.RequesterOrganisation).HasMaxLength(300);
        builder.Property(r => r.RequesterEmail).HasMaxLength(254);
        builder.Property(r => r.RequesterPhone).HasMaxLength(50);
        builder.Property(r => r.Situation).HasMaxLength(2000);
        builder.Property(r => r.ConsentAccepted).HasMaxLength(40);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.RefusalReason).HasMaxLength(1000);
        builder.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
