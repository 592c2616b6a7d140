namespace PareNetwork.Web.Data.Seeding;

public sealed class SeedOptions
{
    public const string Section = "Pare:Seed";

    /// <summary>Folder holding departements.geojson, communes.csv, regions.csv and structures.csv.</summary>
    public string DataPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "data-seed");
}
