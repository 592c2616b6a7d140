using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class PareUserConfiguration : IEntityTypeConfiguration<PareUser>
{
    public void Configure(EntityTypeBuilder<PareUser> builder)
    {
        builder.Property(u => u.Pseudonym).HasMaxLength(50);
        builder.HasIndex(u => u.Pseudonym).IsUnique();
        builder.Ignore(u => u.IsActive);
    }
}
