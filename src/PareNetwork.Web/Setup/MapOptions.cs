namespace PareNetwork.Web.Setup;

public sealed class MapOptions
{
    public const string Section = "Pare:Map";

    /// <summary>Leaflet tile URL template; the page keeps working without tiles (offline, tests).</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public string TileAttribution { get; set; } = "© les contributeurs d'OpenStreetMap";

    /// <summary>The origin of <see cref="TileUrl"/> for the Content-Security-Policy; "{s}" subdomains become a wildcard.</summary>
    public string TileOrigin
    {
        get
        {
            var sample = TileUrl.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}/{x}/{y}", "0/0/0", StringComparison.Ordinal);
            if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri))
            {
                return "";
            }
            if (!TileUrl.Contains("{s}", StringComparison.Ordinal))
            {
                return $"{uri.Scheme}://{uri.Authority}";
            }
            var parentDomain = string.Join('.', uri.Host.Split('.').Skip(1));
            return $"{uri.Scheme}://*.{parentDomain}";
        }
    }
}
