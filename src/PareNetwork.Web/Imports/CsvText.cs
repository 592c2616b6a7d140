using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace PareNetwork.Web.Imports;

/// <summary>
/// How the bytes of an uploaded CSV are turned into text: UTF-8 (with or without BOM) when they are valid UTF-8,
/// Windows-1252 (what French Excel writes for « CSV (séparateur : point-virgule) ») otherwise; anything that
/// would come out garbled is refused with a French message instead.
/// </summary>
internal static class CsvText
{
    /// <summary>From the code pages of the shared framework, without registering a process-wide provider.</summary>
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] Utf16LittleEndianBom = [0xFF, 0xFE];
    private static readonly byte[] Utf16BigEndianBom = [0xFE, 0xFF];
    private static readonly byte[] Utf32BigEndianBom = [0x00, 0x00, 0xFE, 0xFF];
    private static readonly byte[] EuroSign = [0xE2, 0x82, 0xAC];
    /// <summary>The five bytes Windows-1252 leaves undefined: a file that holds one is in some other encoding (Mac, DOS…).</summary>
    private static readonly SearchValues<byte> UndefinedInWindows1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    /// <summary>C0 controls but tab, LF and CR, and DEL: never in a text file.</summary>
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not ('\t' or '\n' or '\r')).Select(b => (byte)b), (byte)0x7F]);

    private const string SaveAs = "Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.";

    public sealed record Decoding(Encoding Encoding, int Offset, string Name);

    public static (Decoding? Decoding, string? Error) Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return (null, "Le fichier est un classeur Excel (.xlsx), pas un fichier CSV. " + SaveAs);
        }
        if (bytes.StartsWith(Utf16LittleEndianBom) || bytes.StartsWith(Utf16BigEndianBom) || bytes.StartsWith(Utf32BigEndianBom))
        {
            return (null, "Le fichier est encodé en UTF-16 ou UTF-32 (« Texte Unicode »), que l'import ne lit pas. " + SaveAs);
        }

        var bom = bytes.StartsWith(Utf8Bom);
        var offset = bom ? 3 : 0;
        var content = bytes[offset..];
        if (content.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return (null, "Le fichier est vide.");
        }
        if (content.Contains((byte)0))
        {
            return (null, "Le fichier n'est pas un texte CSV lisible (il contient des octets nuls : fichier binaire, ou texte UTF-16 sans marque d'ordre des octets). " + SaveAs);
        }
        var control = IndexOfControl(content);
        if (control >= 0)
        {
            return (null, $"Le fichier contient des caractères de contrôle (ligne {LineAt(content, control)}) : ce n'est pas un texte CSV. " + SaveAs);
        }

        if (Utf8.IsValid(content))
        {
            var doubled = IndexOfDoubleEncoding(content);
            if (doubled >= 0)
            {
                return (null, $"Le fichier semble avoir été converti deux fois (« Ã© » à la place de « é », ligne {LineAt(content, doubled)}) : repartez du fichier d'origine et enregistrez-le au format « CSV UTF-8 ».");
            }
            return (new Decoding(StrictUtf8, offset, bom ? "UTF-8 avec BOM" : "UTF-8"), null);
        }
        if (bom)
        {
            return (null, $"Le fichier s'annonce en UTF-8 mais contient des octets invalides (ligne {LineAt(content, InvalidUtf8Index(content))}). " + SaveAs);
        }
        var undefined = content.IndexOfAny(UndefinedInWindows1252);
        if (undefined >= 0)
        {
            return (null, $"L'encodage du fichier n'est ni UTF-8 ni Windows-1252 (ligne {LineAt(content, undefined)}). " + SaveAs);
        }
        return (new Decoding(Windows1252, 0, "Windows-1252"), null);
    }

    /// <summary>The separator of the header line: the more frequent of semicolon and comma outside quotes, or null.</summary>
    public static char? DetectDelimiter(ReadOnlySpan<byte> content)
    {
        var end = content.IndexOfAny((byte)'\r', (byte)'\n');
        var header = end < 0 ? content : content[..end];
        int semicolons = 0, commas = 0;
        var quoted = false;
        // ';', ',' and '"' are single bytes in UTF-8 and in Windows-1252 alike: no need to decode.
        foreach (var b in header)
        {
            switch (b)
            {
                case (byte)'"':
                    quoted = !quoted;
                    break;
                case (byte)';' when !quoted:
                    semicolons++;
                    break;
                case (byte)',' when !quoted:
                    commas++;
                    break;
            }
        }
        return semicolons == 0 && commas == 0 ? null : semicolons >= commas ? ';' : ',';
    }

        private static int InvalidUtf8Index(ReadOnlySpan<byte> content)
    {
        var status = Utf8.ToUtf16(content, new char[content.Length], out var read, out _, replaceInvalidSequences: false);
        return status == OperationStatus.Done ? 0 : read;
    }

    private static int IndexOfControl(ReadOnlySpan<byte> content) => content.IndexOfAny(ControlBytes);

    /// <summary>
    /// UTF-8 text decoded once as Latin-1 or Windows-1252 and encoded again: « é » became « Ã© », « ’ » became « â€™ ».
    /// « Ã » or « Â » followed by a Latin-1 symbol, or « â€ », never occur in French text.
    /// </summary>
    private static int IndexOfDoubleEncoding(ReadOnlySpan<byte> content)
    {
        for (var i = content.IndexOf((byte)0xC3); i >= 0 && i + 2 < content.Length; i = NextC3(content, i))
        {
            var next = content[i + 1];
            var after = content[i + 2];
            // Ã then a Latin-1 symbol, or a Windows-1252 one (‰ Š Œ ˆ …); Â then a Latin-1 symbol; â then €.
            if ((next == 0x83 && after is 0xC2 or 0xC5 or 0xC6 or 0xCB or 0xE2)
                || (next == 0x82 && after == 0xC2)
                || (next == 0xA2 && content[(i + 2)..].StartsWith(EuroSign)))
            {
                return i;
            }
        }
        return -1;
    }

    private static int NextC3(ReadOnlySpan<byte> content, int i)
    {
        var next = content[(i + 1)..].IndexOf((byte)0xC3);
        return next < 0 ? -1 : i + 1 + next;
    }

    private static long LineAt(ReadOnlySpan<byte> content, int index) => content[..index].Count((byte)'\n') + 1;
}
