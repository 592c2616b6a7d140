using System.Text;
using PareNetwork.Web.Imports;

namespace PareNetwork.Tests.Imports;

/// <summary>Files as the tests write them: the seed's header, rows by hand, the bytes of a given encoding.</summary>
internal static class CsvSamples
{
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public const string SeedHeader = "id,nom,sigle,nature,actions,publics,portee,departements,commune_insee,adresse,latitude,longitude,telephones,email,site_web,reseaux_sociaux,horaires,confidentiel,description,source";

    public static string SemicolonHeader => SeedHeader.Replace(',', ';');

    public static byte[] Bytes(string text, Encoding encoding, bool bom = false) => [.. bom ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)];

    public static StructureCsvReadResult Read(string text, Encoding? encoding = null, bool bom = false) =>
        StructureCsvReader.Read(Bytes(text, encoding ?? Utf8NoBom, bom));

    public static StructureImportRow Single(StructureCsvReadResult result)
    {
        Assert.Null(result.FileError);
        var row = Assert.Single(result.Rows);
        Assert.Empty(row.Errors);
        return row.Row!;
    }

    public static string[] Messages(StructureCsvReadResult result) => [.. result.Errors.Select(e => e.Message)];

    public static async Task<string> WriteAsync(IEnumerable<StructureImportRow> rows, bool includeConfidential = true)
    {
        using var stream = new MemoryStream();
        await StructureCsvWriter.WriteAsync(stream, rows, includeConfidential);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static async Task<byte[]> WriteBytesAsync(IEnumerable<StructureImportRow> rows, bool includeConfidential = true)
    {
        using var stream = new MemoryStream();
        await StructureCsvWriter.WriteAsync(stream, rows, includeConfidential);
        return stream.ToArray();
    }

    public static string SeedFile => Path.Combine(Infrastructure.PareAppFactory.TestSeed, "structures.csv");

    /// <summary>A deterministic file of <paramref name="count"/> valid rows, every column filled on some of them.</summary>
    public static string Generated(int count)
    {
        var text = new StringBuilder(SemicolonHeader).Append(";statut;contact_prive_email;contact_prive_telephone;contact_prive_adresse;frequence_mise_a_jour_mois;confirme_le\r\n");
        string[] natures = ["association", "fondation", "service-public", "etablissement", "police", "ligne-ecoute"];
        string[] departements = ["01", "2A", "68", "69", "971", "75"];
        for (var i = 1; i <= count; i++)
        {
            var confidential = i % 20 == 0;
            var d = departements[i % departements.Length];
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"gen-{i:D5};Structure générée n° {i} – Œuvre « Éducation »;{(i % 3 == 0 ? "SG" : "")};{natures[i % natures.Length]};")
                .Append("prevention|ecoute-orientation;jeunes|parents;departementale;").Append(d).Append(';')
                .Append(i % 2 == 0 ? "68224" : "").Append(';')
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{i} rue de la République, 68100 Mulhouse\";")
                .Append(i % 2 == 0 ? "47,7489;7,32526;" : ";;")
                .Append("03 89 00 00 00|0800 00 00 00;contact@exemple.fr;https://www.exemple.fr;snapchat:exemple;\"Lun–ven 9h–17h\";")
                .Append(confidential ? "oui" : "non").Append(';')
                .Append("\"Première ligne de la description ; avec un point-virgule.\nDeuxième ligne, « entre guillemets » et \"\"doublés\"\".\";")
                .Append("generateur.txt;publiee;prive@exemple.fr;06 00 00 00 00;\"2 place de la Paix\";12;2025-03-01\r\n");
        }
        return text.ToString();
    }
}
