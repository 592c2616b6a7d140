using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Data.Seeding;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class SeedKeyConfiguration : IEntityTypeConfiguration<SeedKey>
{
    public void Configure(EntityTypeBuilder<SeedKey> builder)
    {
        builder.HasKey(k => k.Key);
        builder.Property(k => k.Key).HasMaxLength(100);
    }
}
