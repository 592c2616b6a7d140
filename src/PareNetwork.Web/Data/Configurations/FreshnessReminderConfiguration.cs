using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Freshness;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class FreshnessReminderConfiguration : IEntityTypeConfiguration<FreshnessReminder>
{
    public void Configure(EntityTypeBuilder<FreshnessReminder> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Cycle).HasMaxLength(40);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        // One first and one second reminder per cycle, even if two runs overlap.
        builder.HasIndex(r => new { r.StructureId, r.Cycle, r.Kind }).IsUnique();
        builder.HasIndex(r => r.SentAt);
        builder.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
