using NetTopologySuite.Geometries;

namespace PareNetwork.Web.Domain;

public class Departement
{
    /// <summary>INSEE code, a string: "01", "2A", "971".</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public required string RegionCode { get; set; }

    public Region? Region { get; set; }

    public long Population { get; set; }

    /// <summary>Full-precision boundary (SRID 4326) for analysis; display uses a simplified copy.</summary>
    public required MultiPolygon Boundary { get; set; }
}
