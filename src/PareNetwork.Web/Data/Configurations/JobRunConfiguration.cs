using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PareNetwork.Web.Jobs;

namespace PareNetwork.Web.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Job).HasMaxLength(60);
        builder.Property(r => r.Summary).HasMaxLength(JobRun.SummaryMaxLength);
        builder.HasIndex(r => new { r.Job, r.StartedAt });
    }
}
