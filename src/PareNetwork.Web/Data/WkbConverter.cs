using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace PareNetwork.Web.Data;

public sealed class WkbConverter<TGeometry>() : ValueConverter<TGeometry, byte[]>(
    geometry => Write(geometry),
    bytes => Read(bytes))
    where TGeometry : Geometry
{
    private static readonly GeometryFactory Factory =
        NtsGeometryServices.Instance.CreateGeometryFactory(GeoConstants.Srid);

    private static byte[] Write(TGeometry geometry) => new WKBWriter().Write(geometry);

    private static TGeometry Read(byte[] bytes)
    {
        var geometry = new WKBReader(NtsGeometryServices.Instance).Read(bytes);
        geometry.SRID = GeoConstants.Srid;
        return (TGeometry)Factory.CreateGeometry(geometry);
    }
}

public sealed class GeometryComparer<TGeometry>() : ValueComparer<TGeometry>(
    (a, b) => a == b || (a != null && b != null && a.EqualsExact(b)),
    g => g.GetHashCode(),
    g => (TGeometry)g.Copy())
    where TGeometry : Geometry;
