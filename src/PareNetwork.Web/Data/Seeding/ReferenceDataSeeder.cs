using System.Globalization;
using System.Text.Json;
using CsvHelper.Configuration.Attributes;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Data.Seeding;

/// <summary>Loads régions, départements and communes from the open reference files in data-seed/.</summary>
internal static class ReferenceDataSeeder
{
    private static readonly JsonSerializerOptions GeoJsonOptions = new()
    {
        Converters = { new GeoJsonConverterFactory(GeoConstants.Factory) },
    };

    public static async Task SeedAsync(PareDbContext db, string dataPath, CancellationToken ct)
    {
        var regions = CsvFiles.Read<RegionRow>(Path.Combine(dataPath, "regions.csv"))
            .Select(r => new Region { Code = r.Row.Code, Name = r.Row.Nom })
            .ToList();
        db.Regions.AddRange(regions);

        var departements = await ReadDepartementsAsync(Path.Combine(dataPath, "departements.geojson"), ct);
        db.Departements.AddRange(departements);
        var departementCodes = departements.Select(d => d.Code).ToHashSet();

        var communes = new List<Commune>(35_000);
        foreach (var (line, row) in CsvFiles.Read<CommuneRow>(Path.Combine(dataPath, "communes.csv")))
        {
            if (!departementCodes.Contains(row.CodeDepartement))
            {
                throw new SeedDataException("communes.csv", line, "code_departement", $"département « {row.CodeDepartement} » inconnu.");
            }
            communes.Add(new Commune
            {
                Code = row.CodeInsee,
                Name = row.Nom,
                DepartementCode = row.CodeDepartement,
                PostalCodes = [.. row.CodesPostaux.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
                Population = row.Population,
                Location = row.Latitude is { } lat && row.Longitude is { } lon ? GeoConstants.Point(lat, lon) : null,
            });
        }
        db.Communes.AddRange(communes);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static async Task<List<Departement>> ReadDepartementsAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new SeedDataException($"{Path.GetFileName(path)} : fichier introuvable ({path}).");
        }
        await using var stream = File.OpenRead(path);
        var collection = await JsonSerializer.DeserializeAsync<FeatureCollection>(stream, GeoJsonOptions, ct)
            ?? throw new SeedDataException($"{Path.GetFileName(path)} : collection GeoJSON vide.");

        return [.. collection.Select(feature => new Departement
        {
            Code = (string)feature.Attributes["code"],
            Name = (string)feature.Attributes["nom"],
            RegionCode = (string)feature.Attributes["region_code"],
            Population = Convert.ToInt64(feature.Attributes["population"], CultureInfo.InvariantCulture),
            Boundary = ToMultiPolygon(feature.Geometry),
        })];
    }

    private static MultiPolygon ToMultiPolygon(Geometry geometry)
    {
        var multi = geometry switch
        {
            MultiPolygon m => m,
            Polygon p => GeoConstants.Factory.CreateMultiPolygon([p]),
            _ => throw new SeedDataException($"departements.geojson : géométrie {geometry.GeometryType} inattendue."),
        };
        multi.SRID = GeoConstants.Srid;
        return multi;
    }

    internal sealed class RegionRow
    {
        [Name("code")] public string Code { get; set; } = "";
        [Name("nom")] public string Nom { get; set; } = "";
    }

    internal sealed class CommuneRow
    {
        [Name("code_insee")] public string CodeInsee { get; set; } = "";
        [Name("nom")] public string Nom { get; set; } = "";
        [Name("code_departement")] public string CodeDepartement { get; set; } = "";
        [Name("codes_postaux")] public string CodesPostaux { get; set; } = "";
        [Name("population")] public int Population { get; set; }
        [Name("latitude")] public double? Latitude { get; set; }
        [Name("longitude")] public double? Longitude { get; set; }
    }
}
