using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace PareNetwork.Web.Data;

public static class GeoConstants
{
    public const int Srid = 4326;

    public static readonly GeometryFactory Factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(new PrecisionModel(), Srid);

    public static Point Point(double latitude, double longitude) =>
        Factory.CreatePoint(new Coordinate(longitude, latitude));
}
