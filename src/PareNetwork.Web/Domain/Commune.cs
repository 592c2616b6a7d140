using NetTopologySuite.Geometries;

namespace PareNetwork.Web.Domain;

public class Commune
{
    public required string Code { get; init; }

    public required string Name { get; set; }

    public required string DepartementCode { get; set; }

    public List<string> PostalCodes { get; set; } = [];

    public int Population { get; set; }

    /// <summary>Centroid of the commune (SRID 4326); null for the few communes re-created after the boundary vintage.</summary>
    public Point? Location { get; set; }
}
