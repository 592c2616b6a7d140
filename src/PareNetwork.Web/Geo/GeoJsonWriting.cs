using System.Text.Json;
using NetTopologySuite.Geometries;

namespace PareNetwork.Web.Geo;

/// <summary>Streams GeoJSON geometries with rounded coordinates (display payloads stay small).</summary>
public static class GeoJsonWriting
{
    public static void WriteGeometry(Utf8JsonWriter writer, Geometry? geometry, int decimals)
    {
        if (geometry is null || geometry.IsEmpty)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("type", geometry.GeometryType);
        writer.WritePropertyName("coordinates");
        switch (geometry)
        {
            case Point p:
                WritePosition(writer, p.X, p.Y, decimals);
                break;
            case Polygon polygon:
                WritePolygon(writer, polygon, decimals);
                break;
            case MultiPolygon multi:
                writer.WriteStartArray();
                foreach (var polygon in multi.Geometries.Cast<Polygon>())
                {
                    WritePolygon(writer, polygon, decimals);
                }
                writer.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"Geometry {geometry.GeometryType} is not written by this API.");
        }
        writer.WriteEndObject();
    }

    public static void WritePoint(Utf8JsonWriter writer, double? latitude, double? longitude, int decimals = 5)
    {
        if (latitude is not { } lat || longitude is not { } lon)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("type", "Point");
        writer.WritePropertyName("coordinates");
        WritePosition(writer, lon, lat, decimals);
        writer.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon, int decimals)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.ExteriorRing, decimals);
        foreach (var hole in polygon.InteriorRings)
        {
            WriteRing(writer, hole, decimals);
        }
        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, LineString ring, int decimals)
    {
        writer.WriteStartArray();
        foreach (var c in ring.Coordinates)
        {
            WritePosition(writer, c.X, c.Y, decimals);
        }
        writer.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter writer, double x, double y, int decimals)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(Math.Round(x, decimals));
        writer.WriteNumberValue(Math.Round(y, decimals));
        writer.WriteEndArray();
    }
}
