using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class StructureChangeConfiguration : IEntityTypeConfiguration<StructureChange>
{
    public void Configure(EntityTypeBuilder<StructureChange> builder)
    {
        builder.HasKey(c => c.Id);
        // No relationship to Structures on purpose: the history survives the deletion or merge of its structure.
        builder.HasIndex(c => new { c.StructureId, c.At });
        builder.HasIndex(c => c.At);
        builder.Property(c => c.Field).HasMaxLength(40);
        builder.Property(c => c.AuthorId).HasMaxLength(450);
        builder.Property(c => c.AuthorLabel).HasMaxLength(200);
        builder.Property(c => c.ReviewedBy).HasMaxLength(200);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(30);
    }
}
