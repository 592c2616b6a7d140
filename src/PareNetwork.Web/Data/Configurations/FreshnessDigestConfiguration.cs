using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Freshness;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class FreshnessDigestConfiguration : IEntityTypeConfiguration<FreshnessDigest>
{
    public void Configure(EntityTypeBuilder<FreshnessDigest> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Week).HasMaxLength(10);
        builder.HasIndex(d => d.Week).IsUnique();
    }
}
