using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Membership;
using PareNetwork.Web.Data.Seeding;

namespace PareNetwork.Web.Data;

public class PareDbContext(DbContextOptions<PareDbContext> options, TimeProvider? timeProvider = null) : IdentityDbContext<PareUser>(options)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Departement> Departements => Set<Departement>();

    public DbSet<Commune> Communes => Set<Commune>();

    public DbSet<Structure> Structures => Set<Structure>();

    public DbSet<StructureChange> StructureChanges => Set<StructureChange>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<StructureMember> StructureMembers => Set<StructureMember>();

    public DbSet<LinkRequest> LinkRequests => Set<LinkRequest>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<SeedKey> SeedKeys => Set<SeedKey>();

    public DbSet<Exports.ExportLog> ExportLogs => Set<Exports.ExportLog>();

    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();

    public DbSet<Contributions.Contribution> Contributions => Set<Contributions.Contribution>();

    public DbSet<ContactRequests.ContactRequest> ContactRequests => Set<ContactRequests.ContactRequest>();

    public DbSet<Adhesions.MembershipApplication> MembershipApplications => Set<Adhesions.MembershipApplication>();

    public DbSet<Freshness.FreshnessReminder> FreshnessReminders => Set<Freshness.FreshnessReminder>();

    public DbSet<Freshness.FreshnessLink> FreshnessLinks => Set<Freshness.FreshnessLink>();

    public DbSet<Freshness.FreshnessDigest> FreshnessDigests => Set<Freshness.FreshnessDigest>();

    public DbSet<Coverage.CoverageSnapshot> CoverageSnapshots => Set<Coverage.CoverageSnapshot>();

    public DbSet<Newsletter.NewsletterSubscriber> NewsletterSubscribers => Set<Newsletter.NewsletterSubscriber>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PareDbContext).Assembly);
    }

    /// <summary>
    /// The EF SQLite spatial plugin is not available to us, so on SQLite geometries are stored as
    /// WKB blobs and all spatial work happens in memory with NetTopologySuite. PostGIS maps them natively.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored in UTC; SQLite hands it back unmarked, and a page would then show it as if it were Paris time.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<Point>().HaveConversion<WkbConverter<Point>, GeometryComparer<Point>>();
            configurationBuilder.Properties<MultiPolygon>().HaveConversion<WkbConverter<MultiPolygon>, GeometryComparer<MultiPolygon>>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampStructures();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampStructures();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampStructures()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<Structure>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.CreatedAt = now;
                    entry.Entity.UpdatedAt = now;
                    break;
                case EntityState.Modified:
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version = Guid.NewGuid();
                    break;
            }
        }
    }
}
