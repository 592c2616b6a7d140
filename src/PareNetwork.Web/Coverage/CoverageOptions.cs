namespace PareNetwork.Web.Coverage;

public sealed class CoverageOptions
{
    public const string Section = "Pare:Coverage";

    /// <summary>The distance (great circle, km) within which a commune counts as reached by a local access point.</summary>
    public double RadiusKm { get; set; } = 30;
}
