using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Exports;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class ExportLogConfiguration : IEntityTypeConfiguration<ExportLog>
{
    public void Configure(EntityTypeBuilder<ExportLog> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UserLabel).HasMaxLength(200);
        builder.Property(e => e.Filter).HasMaxLength(500);
    }
}
