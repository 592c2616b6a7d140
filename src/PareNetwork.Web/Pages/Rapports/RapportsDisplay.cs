using System.Globalization;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Pages.Rapports;

/// <summary>French formats of the coverage figures, shared by the report pages.</summary>
public static class RapportsDisplay
{
    /// <summary>A share (0–1) as a percentage with one decimal: « 81,2 % »; « — » when there is none.</summary>
    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.0", Display.French) + "\u00A0%" : "—";

    public static string Figure(double value) => value.ToString("0.##", Display.French);

    /// <summary>« +3 », « −2 », « = »; « — » without a previous snapshot.</summary>
    public static string Delta(int? delta) => delta switch
    {
        null => "—",
        0 => "=",
        > 0 => "+" + delta.Value.ToString(CultureInfo.InvariantCulture),
        _ => "\u2212" + (-delta.Value).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>« +1,5 pt », a share's change in percentage points.</summary>
    public static string PointsDelta(double? delta) => delta switch
    {
        null => "—",
        0 => "=",
        > 0 => "+" + (delta.Value * 100).ToString("0.0", Display.French) + "\u00A0pt",
        _ => "\u2212" + (-delta.Value * 100).ToString("0.0", Display.French) + "\u00A0pt",
    };

    public static string Actions(IEnumerable<string> codes) =>
        string.Join(", ", codes.Select(c => Vocabulary.Actions.TryParse(c, out var a) ? Vocabulary.Actions.Label(a) : c));

    public static string ClassLabel(CoverageClass c) => c.Label();

    /// <summary>The CSS class of a class of coverage: the swatch of the legend and the badge of the table.</summary>
    public static string ClassCss(CoverageClass c) => "couverture-" + c.Code();
}
