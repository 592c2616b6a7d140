using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Contributions.Uploads;
using PareNetwork.Web.Data;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Contributions;

public sealed class ContributionRetentionOptions
{
    public const string Section = "Pare:Retention";

    /// <summary>Days a refused contribution's file is kept after the refusal (the submitter may ask why; then it goes).</summary>
    public int RefusedContributionFilesDays { get; set; } = 30;
}

/// <summary>A refused contribution's file is deleted <see cref="ContributionRetentionOptions.RefusedContributionFilesDays"/> days after the refusal; the record stays.</summary>
public sealed class RefusedContributionFilesRule(UploadStore store, IOptions<ContributionRetentionOptions> options) : IRetentionRule
{
    public string Label => "fichiers des contributions refusées";

    public async Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var limit = now.AddDays(-Math.Max(0, options.Value.RefusedContributionFilesDays));
        var expired = await db.Contributions
            .Where(c => c.Status == ContributionStatus.Refusee && c.FileName != null && c.ModeratedAt < limit)
            .ToListAsync(ct);
        foreach (var c in expired)
        {
            store.Delete(c.FileName);
            c.RemoveFile();
        }
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }
}
