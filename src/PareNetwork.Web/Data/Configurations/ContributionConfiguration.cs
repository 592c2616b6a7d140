using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasField("_status").HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.Status, c.Kind });
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Text).HasMaxLength(8000);
        builder.Property(c => c.Link).HasMaxLength(1000);
        builder.Property(c => c.RegistrationUrl).HasMaxLength(1000);
        builder.Property(c => c.Audience).HasMaxLength(300);
        builder.Property(c => c.Place).HasMaxLength(500);
        builder.Property(c => c.Organiser).HasMaxLength(300);
        builder.Property(c => c.Speakers).HasMaxLength(1000);
        builder.Property(c => c.Price).HasMaxLength(200);
        builder.Property(c => c.Territory).HasMaxLength(200);
        builder.Property(c => c.ResourceKind).HasMaxLength(40);
        builder.Property(c => c.Author).HasMaxLength(300);
        builder.Property(c => c.FileName).HasMaxLength(100);
        builder.Property(c => c.FileOriginalName).HasMaxLength(255);
        builder.Property(c => c.FileContentType).HasMaxLength(100);
        builder.Property(c => c.SubmitterName).HasMaxLength(200);
        builder.Property(c => c.SubmitterEmail).HasMaxLength(254);
        builder.Property(c => c.ModeratedBy).HasMaxLength(200);
        builder.Property(c => c.RefusalReason).HasMaxLength(1000);
        builder.Property(c => c.Source).HasMaxLength(200);
        builder.PrimitiveCollection(c => c.DepartementCodes);
        builder.PrimitiveCollection(c => c.Themes);
        builder.HasOne<Structure>().WithMany().HasForeignKey(c => c.StructureId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Contribution>().WithMany().HasForeignKey(c => c.DuplicateOfId).OnDelete(DeleteBehavior.SetNull);
        // Two moderators deciding at once: the second decision writes nothing (UPDATE … WHERE Status = 'EnAttente').
        builder.Property(c => c.Status).IsConcurrencyToken();
        builder.HasIndex(c => c.FileName).IsUnique();
    }
}
