namespace PareNetwork.Web.Setup;

public sealed class MapOptions
{
    public const string Section = "Pare:Map";

    /// <summary>Leaflet tile URL template; the page keeps working without tiles (offline, tests).</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public string TileAttribution { get; set; } = "© les contributeurs d'OpenStreetMap";

    /// <summary>The origin of <see cref="TileUrl"/>, for the Content-Security-Policy.</summary>
    public string TileOrigin => Uri.TryCreate(TileUrl.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}/{x}/{y}", "0/0/0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        ? TileUrl.Contains("{s}", StringComparison.Ordinal) ? $"{uri.Scheme}://*.{string.Join('.', uri.Host.Split('.').Skip(1))}" : $"{uri.Scheme}://{uri.Authority}"
        : "";
}
