using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;

namespace PareNetwork.Tests.Data;

[Collection(SeededAppCollection.Name)]
public class StructurePersistenceTests(SeededApp app)
{
    [Fact]
    public async Task Geometries_round_trip_through_sqlite_as_wkb_in_srid_4326()
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();

        var mulhouse = await db.Communes.AsNoTracking().SingleAsync(c => c.Code == "68224");
        var departement = await db.Departements.AsNoTracking().SingleAsync(d => d.Code == "68");

        Assert.Equal((7.32526, 47.7489), (mulhouse.Location!.X, mulhouse.Location.Y));
        Assert.Equal(4326, mulhouse.Location.SRID);
        Assert.Equal(4326, departement.Boundary.SRID);
        Assert.True(departement.Boundary.Covers(mulhouse.Location));
    }

    [Fact]
    public async Task Saving_a_change_renews_the_concurrency_token_and_a_stale_copy_is_refused()
    {
        using var scope1 = app.Factory.Services.CreateScope();
        using var scope2 = app.Factory.Services.CreateScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<PareDbContext>();
        var db2 = scope2.ServiceProvider.GetRequiredService<PareDbContext>();
        var first = await db1.Structures.SingleAsync(s => s.ExternalKey == "la-breche");
        var stale = await db2.Structures.SingleAsync(s => s.ExternalKey == "la-breche");
        var (version, updatedAt, createdAt) = (first.Version, first.UpdatedAt, first.CreatedAt);

        first.Description += " ";
        await db1.SaveChangesAsync();
        stale.Description = "Modification concurrente";

        Assert.NotEqual(version, first.Version);
        Assert.True(first.UpdatedAt > updatedAt);
        Assert.Equal(createdAt, first.CreatedAt);
        Assert.Null(first.ConfirmedAt);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        first.Description = first.Description!.TrimEnd();
        await db1.SaveChangesAsync();
    }
}
