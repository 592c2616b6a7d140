using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Tests.Pages;

public class DisplayTests
{
    [Theory]
    [InlineData("https://violences-parlonsen.fr", "https://violences-parlonsen.fr/")]
    [InlineData(" http://www.exemple.org/page?x=1 ", "http://www.exemple.org/page?x=1")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,<script>", null)]
    [InlineData("/chemin/local", null)]
    [InlineData("www.exemple.org", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_web_addresses_become_links(string? url, string? expected)
    {
        Assert.Equal(expected, Display.WebHref(url));
    }

    [Theory]
    [InlineData("0805 802 804", "tel:0805802804")]
    [InlineData("116 000", "tel:116000")]
    [InlineData("+33 1 23 45 67 89", "tel:+33123456789")]
    public void Phone_links_keep_only_digits_and_plus(string phone, string expected)
    {
        Assert.Equal(expected, Display.TelHref(phone));
    }

    [Theory]
    [InlineData(0, "aucune structure")]
    [InlineData(1, "1 structure")]
    [InlineData(34, "34 structures")]
    [InlineData(10034, "10034 structures")]
    public void Counts_say_aucune_for_zero_and_the_singular_for_one(int count, string expected)
    {
        Assert.Equal(expected, Display.Count(count, "structure", "structures"));
    }

    [Fact]
    public void A_masculine_noun_takes_aucun()
    {
        Assert.Equal("aucun résultat", Display.Count(0, "résultat", "résultats", feminine: false));
    }

    [Theory]
    [InlineData(0, "aucune structure n'intervient")]
    [InlineData(1, "1 structure intervient")]
    [InlineData(2, "2 structures interviennent")]
    public void Verbs_agree_with_the_count_and_aucune_takes_an_elided_ne(int count, string expected)
    {
        Assert.Equal(expected, Display.CountWithVerb(count, "structure", "structures", "intervient", "interviennent"));
    }

    [Fact]
    public void Ne_stays_whole_before_a_consonant()
    {
        Assert.Equal("aucune structure ne peut", Display.CountWithVerb(0, "structure", "structures", "peut", "peuvent"));
    }

    [Theory]
    [InlineData("Mulhouse", "autour de Mulhouse")]
    [InlineData("Amiens", "autour d'Amiens")]
    [InlineData("Évry-Courcouronnes", "autour d'Évry-Courcouronnes")]
    [InlineData("Orléans", "autour d'Orléans")]
    [InlineData("Yvetot", "autour d'Yvetot")]
    [InlineData("Hyères", "autour d'Hyères")]
    [InlineData("Haguenau", "autour de Haguenau")]
    [InlineData("Le Havre", "autour du Havre")]
    [InlineData("Les Mureaux", "autour des Mureaux")]
    [InlineData("La Rochelle", "autour de La Rochelle")]
    [InlineData("Saint-Denis (974)", "autour de Saint-Denis (974)")]
    public void Place_names_take_elision_and_contraction(string place, string expected)
    {
        Assert.Equal(expected, Display.Around(place));
    }

    [Fact]
    public void Capitalized_opens_a_sentence()
    {
        Assert.Equal("Aucune structure", Display.Capitalized("aucune structure"));
        Assert.Equal("", Display.Capitalized(""));
    }

    [Theory]
    [InlineData(0.0, true, "dans la commune")]
    [InlineData(2.4, true, "dans la commune")]
    [InlineData(0.2, false, "≈\u00A01\u00A0km")]
    [InlineData(12.345, false, "≈\u00A012\u00A0km")]
    [InlineData(12.5, false, "≈\u00A013\u00A0km")]
    public void Distances_from_a_commune_claim_no_false_precision(double km, bool sameCommune, string expected)
    {
        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(expected), Display.Distance(km, sameCommune));
    }

    [Fact]
    public void Dates_are_written_the_french_way_in_paris_time()
    {
        Assert.Equal("1er mars 2026", Display.Date(new DateTime(2026, 2, 28, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("12 novembre 2026", Display.Date(new DateTime(2026, 11, 12, 10, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void An_unmarked_time_read_from_sqlite_is_taken_as_utc()
    {
        Assert.Equal("1er mars 2026", Display.Date(new DateTime(2026, 2, 28, 23, 30, 0, DateTimeKind.Unspecified)));
        Assert.Equal("1er mars 2026 à 0 h 30", Display.DateAndTime(new DateTime(2026, 2, 28, 23, 30, 0, DateTimeKind.Unspecified)));
        Assert.Equal("1er juillet 2026 à 1 h 30", Display.DateAndTime(new DateTime(2026, 6, 30, 23, 30, 0, DateTimeKind.Utc)));
    }
}
