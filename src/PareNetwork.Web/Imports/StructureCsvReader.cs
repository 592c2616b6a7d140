using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using PareNetwork.Web.Domain;
using static PareNetwork.Web.Imports.StructureCsvColumns;

namespace PareNetwork.Web.Imports;

/// <summary>
/// Reads a structures CSV (the columns of data-seed/structures.csv, plus the optional <see cref="StructureCsvColumns"/>)
/// as French Excel or a script writes it: semicolon or comma, UTF-8 with or without BOM or Windows-1252, multi-line
/// quoted cells, codes that lost their leading zero, decimal commas. Every row is checked on its own and gets either
/// its model or all its errors; nothing is written anywhere.
/// </summary>
/// <remarks>
/// An error names the line and the column and quotes the value only when the value may be shown: never the address,
/// the point, the private contact, nor the commune of a confidential structure (or of a row whose « confidentiel » is
/// unreadable), which may end up on a screen, in a log or in an e-mail.
/// </remarks>
public static partial class StructureCsvReader
{
    public const int MaxRows = 50_000;

    public const int MaxBytes = 100 * 1024 * 1024;

    private const int MaxCellLength = 100_000;

    private const int ProgressEvery = 1_000;

    /// <summary>Reads the whole stream (at most <see cref="MaxBytes"/>) into memory, then parses it.</summary>
    public static async Task<StructureCsvReadResult> ReadAsync(Stream stream, IProgress<StructureCsvProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        return Parse(buffer.GetBuffer(), (int)buffer.Length, progress, ct);
    }

    public static StructureCsvReadResult Read(byte[] content, IProgress<StructureCsvProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Length > MaxBytes ? TooLarge() : Parse(content, content.Length, progress, ct);
    }

    private static StructureCsvReadResult TooLarge() =>
        StructureCsvReadResult.Refused($"Le fichier dépasse {MaxBytes / 1024 / 1024}\u00A0Mo : découpez-le en plusieurs fichiers.");

    private static StructureCsvReadResult Parse(byte[] bytes, int length, IProgress<StructureCsvProgress>? progress, CancellationToken ct)
    {
        var (decoding, encodingError) = CsvText.Detect(bytes.AsSpan(0, length));
        if (decoding is null)
        {
            return StructureCsvReadResult.Refused(encodingError!);
        }
        if (CsvText.DetectDelimiter(bytes.AsSpan(decoding.Offset, length - decoding.Offset)) is not { } delimiter)
        {
            return StructureCsvReadResult.Refused(
                "La première ligne ne contient ni point-virgule ni virgule : elle doit nommer les colonnes, séparées par l'un ou l'autre ("
                + string.Join(", ", All) + ").", decoding.Name);
        }
        StructureCsvReadResult Refused(string error) => StructureCsvReadResult.Refused(error, decoding.Name, delimiter);

        var badData = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            IgnoreBlankLines = false,
            MaxFieldSize = MaxCellLength,
            BadDataFound = _ => badData = true,
        };
        using var stream = new MemoryStream(bytes, decoding.Offset, length - decoding.Offset, writable: false);
        using var text = new StreamReader(stream, decoding.Encoding, detectEncodingFromByteOrderMarks: false);
        using var parser = new CsvParser(text, configuration);
        try
        {
            if (!parser.Read())
            {
                return Refused("Le fichier est vide.");
            }
            var (header, headerError) = Header.Parse(parser.Record!);
            if (header is null)
            {
                return Refused(headerError!);
            }
            badData = false;

            var rows = new List<StructureCsvRowResult>();
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            var previousLine = parser.RawRow;
            while (parser.Read())
            {
                ct.ThrowIfCancellationRequested();
                // RawRow is the physical line where the record ends; a multi-line cell makes it start earlier.
                var line = previousLine + 1;
                previousLine = parser.RawRow;
                // CsvHelper parses the fields, hence reports bad data, when the record is first asked for.
                var cells = parser.Record!;
                var misquoted = badData;
                badData = false;
                if (Array.TrueForAll(cells, string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (rows.Count == MaxRows)
                {
                    return Refused("Le fichier compte plus de 50\u00A0000 structures : découpez-le en plusieurs fichiers.");
                }
                rows.Add(new RowParser(header, cells, line, misquoted, ids).Parse());
                if (rows.Count % ProgressEvery == 0)
                {
                    progress?.Report(new StructureCsvProgress(rows.Count, (double)stream.Position / stream.Length));
                }
            }
            if (rows.Count == 0)
            {
                return Refused("Le fichier ne contient que la ligne d'en-tête : aucune structure à importer.");
            }
            progress?.Report(new StructureCsvProgress(rows.Count, 1));
            return new StructureCsvReadResult { Rows = rows, EncodingName = decoding.Name, Delimiter = delimiter };
        }
        catch (MaxFieldSizeException)
        {
            return Refused($"Ligne {parser.RawRow} : une cellule dépasse {MaxCellLength / 1000}\u00A0000 caractères (un guillemet ouvert et jamais refermé ?).");
        }
        catch (CsvHelperException)
        {
            // CsvHelper's own messages quote the raw record, which may hold a shelter's address.
            return Refused($"Ligne {parser.RawRow} : le fichier est mal formé et n'a pas pu être lu au-delà.");
        }
    }

    /// <summary>Trimmed, and the apostrophe the writer puts before a formula-like text taken off again.</summary>
    private static string Clean(string cell) => CsvCells.Unescape(cell.Trim()).Trim();

    private sealed class Header
    {
        private readonly Dictionary<string, int> _index;

        private Header(Dictionary<string, int> index, int count, List<int> nameless)
        {
            _index = index;
            Count = count;
            Nameless = nameless;
        }

        public int Count { get; }

        /// <summary>Columns with an empty name, as Excel leaves after the last one: tolerated as long as they stay empty.</summary>
        public List<int> Nameless { get; }

        public int IndexOf(string column) => _index.GetValueOrDefault(column, -1);

        public static (Header? Header, string? Error) Parse(string[] names)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var nameless = new List<int>();
            var unknown = new List<string>();
            var duplicated = new List<string>();
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
                if (name.Length == 0)
                {
                    nameless.Add(i);
                }
                else if (!All.Contains(name))
                {
                    unknown.Add(name);
                }
                else if (!index.TryAdd(name, i))
                {
                    duplicated.Add(name);
                }
            }

            var missing = Required.Where(c => !index.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                // The unknown names are not quoted: a file without a header starts with a row of data.
                return (null, (missing.Count == 1 ? "Colonne obligatoire absente" : "Colonnes obligatoires absentes")
                    + $" de la première ligne : {string.Join(", ", missing)}. La première ligne doit nommer les colonnes ({string.Join(", ", All)}).");
            }
            if (unknown.Count > 0)
            {
                return (null, (unknown.Count == 1 ? "Colonne inconnue" : "Colonnes inconnues")
                    + $" : {string.Join(", ", unknown.Select(u => $"« {u} »"))} (colonnes admises : {string.Join(", ", All)}).");
            }
            if (duplicated.Count > 0)
            {
                return (null, $"Colonne présente plusieurs fois : {string.Join(", ", duplicated.Distinct().Select(d => $"« {d} »"))}.");
            }
            return (new Header(index, names.Length, nameless), null);
        }
    }

    private sealed class RowParser(Header header, string[] cells, long line, bool misquoted, Dictionary<string, long> ids)
    {
        private const string WholeLine = "(ligne entière)";
        private readonly List<StructureCsvError> _errors = [];

        /// <summary>Until « confidentiel » reads « non », the row's private values are never quoted.</summary>
        private bool _confidential = true;

        private void Error(string field, string problem) => _errors.Add(new StructureCsvError(line, field, problem));

        private string Cell(string column)
        {
            var i = header.IndexOf(column);
            return i < 0 ? "" : Clean(cells[i]);
        }

        public StructureCsvRowResult Parse()
        {
            if (cells.Length != header.Count)
            {
                // Misaligned cells: any further message could quote an address under another column's name.
                Error(WholeLine, $"la ligne compte {cells.Length} cellules et l'en-tête {header.Count} colonnes "
                    + "(une cellule qui contient un retour à la ligne, un guillemet ou le séparateur doit être entre guillemets).");
                return new StructureCsvRowResult(line, null, _errors);
            }
            if (misquoted)
            {
                Error(WholeLine, "guillemet mal placé (une cellule qui contient des guillemets doit être entre guillemets, et ses guillemets doublés).");
            }
            foreach (var i in header.Nameless.Where(i => !string.IsNullOrWhiteSpace(cells[i])))
            {
                Error($"colonne {i + 1} (sans nom)", "valeur dans une colonne sans nom.");
            }

            var confidentiel = Cell(Confidentiel).ToLowerInvariant();
            switch (confidentiel)
            {
                case "oui":
                    break;
                case "non":
                    _confidential = false;
                    break;
                case "":
                    Error(Confidentiel, "valeur obligatoire (oui ou non).");
                    break;
                default:
                    Error(Confidentiel, $"valeur « {confidentiel} » invalide (oui ou non).");
                    break;
            }

            var id = ReadId();
            var name = Text(Nom, 300);
            if (name is null)
            {
                Error(Nom, "le nom est obligatoire.");
            }
            var acronym = Text(Sigle, 50);
            var nature = RequiredTerm(Nature, Vocabulary.Natures);
            var actions = TermList(Actions, Vocabulary.Actions, "au moins une action est obligatoire.");
            var publics = TermList(Publics, Vocabulary.Publics, "au moins un public est obligatoire.");
            var scope = RequiredTerm(Portee, Vocabulary.Scopes);
            var departements = ReadDepartements(scope);
            var commune = ReadCommune();
            var address = Text(Adresse, 300);
            var (latitude, longitude) = ReadPoint();
            var phones = Split(Cell(Telephones)).Select(p => Phone(Telephones, p, secret: false)).ToList();
            var email = Email(StructureCsvColumns.Email, secret: false);
            var website = ReadWebsite();
            var social = ReadSocialAccounts();
            var hours = Text(Horaires, 500);
            var description = Text(StructureCsvColumns.Description, 4000);
            var sources = Split(Cell(Source)).ToList();
            var status = OptionalTerm(Statut, Vocabulary.SettableStatuses);
            var privateEmail = Email(ContactPriveEmail, secret: true);
            var privatePhone = Cell(ContactPriveTelephone) is { Length: > 0 } phone ? Phone(ContactPriveTelephone, phone, secret: true) : null;
            var privateAddress = Text(ContactPriveAdresse, 300);
            var frequency = ReadFrequency();
            var confirmedOn = ReadDate();

            if (_errors.Count > 0)
            {
                return new StructureCsvRowResult(line, null, _errors);
            }
            return new StructureCsvRowResult(line, new StructureImportRow
            {
                Id = id,
                Name = name!,
                Acronym = acronym,
                Nature = nature!.Value,
                Actions = actions,
                Publics = publics,
                Scope = scope!.Value,
                Departements = departements,
                CommuneInsee = commune,
                Address = address,
                Latitude = latitude,
                Longitude = longitude,
                Phones = phones,
                Email = email,
                Website = website,
                SocialAccounts = social,
                OpeningHours = hours,
                Confidential = _confidential,
                Description = description,
                Sources = sources,
                Status = status,
                PrivateEmail = privateEmail,
                PrivatePhone = privatePhone,
                PrivateAddress = privateAddress,
                UpdateFrequencyMonths = frequency,
                ConfirmedOn = confirmedOn,
            }, []);
        }

        private string? ReadId()
        {
            var id = Cell(Id);
            if (id.Length == 0)
            {
                return null;
            }
            if (id.Length > 100 || !SlugRegex().IsMatch(id))
            {
                Error(Id, $"identifiant « {id} » invalide (lettres minuscules, chiffres et tirets, 100 caractères au plus).");
            }
            else if (!ids.TryAdd(id, line))
            {
                Error(Id, $"identifiant « {id} » déjà présent ligne {ids[id]}.");
            }
            return id;
        }

        /// <summary>Length errors never quote the text: the column may be an address.</summary>
        private string? Text(string column, int maxLength)
        {
            var value = Cell(column);
            if (value.Length > maxLength)
            {
                Error(column, $"texte trop long ({value.Length} caractères, {maxLength} au plus).");
            }
            return value.Length == 0 ? null : value;
        }

        private TEnum? RequiredTerm<TEnum>(string column, Terms<TEnum> terms) where TEnum : struct, Enum
        {
            var value = Cell(column);
            if (value.Length == 0)
            {
                Error(column, $"valeur obligatoire (valeurs admises : {terms.CodeList}).");
                return null;
            }
            return ParseTerm(column, value, terms);
        }

        private TEnum? OptionalTerm<TEnum>(string column, Terms<TEnum> terms) where TEnum : struct, Enum =>
            Cell(column) is { Length: > 0 } value ? ParseTerm(column, value, terms) : null;

        private TEnum? ParseTerm<TEnum>(string column, string value, Terms<TEnum> terms) where TEnum : struct, Enum
        {
            if (terms.TryParse(value, out var term))
            {
                return term;
            }
            Error(column, $"valeur « {value} » inconnue (valeurs admises : {terms.CodeList}).");
            return null;
        }

        private List<TEnum> TermList<TEnum>(string column, Terms<TEnum> terms, string whenEmpty) where TEnum : struct, Enum
        {
            var result = new List<TEnum>();
            foreach (var code in Split(Cell(column)))
            {
                if (!terms.TryParse(code, out var term))
                {
                    Error(column, $"valeur « {code} » inconnue (valeurs admises : {terms.CodeList}).");
                }
                else if (!result.Contains(term))
                {
                    result.Add(term);
                }
            }
            if (result.Count == 0 && _errors.All(e => e.Field != column))
            {
                Error(column, whenEmpty);
            }
            return result;
        }

        private List<string> ReadDepartements(Scope? scope)
        {
            var result = new List<string>();
            foreach (var raw in Split(Cell(StructureCsvColumns.Departements)))
            {
                var code = CsvCells.RepairDepartement(raw.ToUpperInvariant());
                if (!DepartementRegex().IsMatch(code))
                {
                    Error(StructureCsvColumns.Departements, $"département « {raw} » inconnu (codes admis : 01 à 95, 2A, 2B, 971 à 976).");
                }
                else if (!result.Contains(code))
                {
                    result.Add(code);
                }
            }
            if (result.Count == 0 && scope is { } s && s != Scope.Nationale && _errors.All(e => e.Field != StructureCsvColumns.Departements))
            {
                Error(StructureCsvColumns.Departements, "une structure non nationale doit servir au moins un département.");
            }
            return result;
        }

        private string? ReadCommune()
        {
            var raw = Cell(CommuneInsee);
            if (raw.Length == 0)
            {
                return null;
            }
            var code = CsvCells.RepairCommune(raw.ToUpperInvariant());
            if (!CommuneRegex().IsMatch(code))
            {
                Error(CommuneInsee, _confidential
                    ? "valeur invalide (code INSEE de la commune, 5 caractères)."
                    : $"code « {raw} » invalide (code INSEE de la commune, 5 caractères, par exemple 01053).");
            }
            return code;
        }

        private (double? Latitude, double? Longitude) ReadPoint()
        {
            var latitude = Cell(StructureCsvColumns.Latitude);
            var longitude = Cell(StructureCsvColumns.Longitude);
            if (latitude.Length == 0 && longitude.Length == 0)
            {
                return (null, null);
            }
            // The values are never quoted: a shelter's position must not end up on a screen or in a log.
            return (
                Coordinate(StructureCsvColumns.Latitude, latitude, 90, longitude.Length > 0),
                Coordinate(StructureCsvColumns.Longitude, longitude, 180, latitude.Length > 0));
        }

        private double? Coordinate(string column, string value, double limit, bool otherGiven)
        {
            if (value.Length == 0)
            {
                Error(column, "valeur manquante (la latitude et la longitude vont ensemble).");
                return null;
            }
            // « 47,75 » as French Excel writes a number; a comma is only ever the decimal separator here.
            var normalized = value.Contains('.', StringComparison.Ordinal) ? value : value.Replace(',', '.');
            if (!double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees) || !double.IsFinite(degrees) || Math.Abs(degrees) > limit)
            {
                Error(column, $"valeur invalide (degrés décimaux entre -{limit} et {limit}).");
                return null;
            }
            return otherGiven ? degrees : null;
        }

        private string Phone(string column, string raw, bool secret)
        {
            var phone = CsvCells.RepairPhone(raw);
            if (phone.Length > 50 || !PhoneRegex().IsMatch(phone))
            {
                Error(column, secret
                    ? "numéro invalide (chiffres, espaces, points ou tirets, + en tête pour l'international)."
                    : $"numéro « {raw} » invalide (chiffres, espaces, points ou tirets, + en tête pour l'international).");
            }
            return phone;
        }

        private string? Email(string column, bool secret)
        {
            var email = Cell(column);
            if (email.Length == 0)
            {
                return null;
            }
            if (email.Length > 254 || !EmailRegex().IsMatch(email))
            {
                Error(column, secret ? "adresse invalide." : $"adresse « {email} » invalide.");
            }
            return email;
        }

        private string? ReadWebsite()
        {
            var site = Cell(SiteWeb);
            if (site.Length == 0)
            {
                return null;
            }
            if (site.Length > 500 || !(Uri.TryCreate(site, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                Error(SiteWeb, $"adresse « {site} » invalide (adresse complète commençant par https:// attendue).");
            }
            return site;
        }

        private List<string> ReadSocialAccounts()
        {
            var accounts = Split(Cell(ReseauxSociaux)).ToList();
            foreach (var account in accounts.Where(a => !SocialRegex().IsMatch(a)))
            {
                Error(ReseauxSociaux, $"compte « {account} » invalide (réseau:identifiant, par exemple snapchat:ecouteboussole).");
            }
            return accounts;
        }

        private int ReadFrequency()
        {
            var value = Cell(FrequenceMiseAJourMois);
            if (value.Length == 0)
            {
                return StructureImportRow.DefaultUpdateFrequencyMonths;
            }
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is >= 1 and <= 120)
            {
                return months;
            }
            Error(FrequenceMiseAJourMois, $"valeur « {value} » invalide (nombre entier de mois, de 1 à 120).");
            return StructureImportRow.DefaultUpdateFrequencyMonths;
        }

        private DateOnly? ReadDate()
        {
            var value = Cell(ConfirmeLe);
            if (value.Length == 0)
            {
                return null;
            }
            // ISO as the writer puts it; day first as French Excel saves a date cell.
            if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            Error(ConfirmeLe, $"date « {value} » invalide (AAAA-MM-JJ ou JJ/MM/AAAA).");
            return null;
        }
    }

    private static string[] Split(string value) =>
        value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugRegex();

    [GeneratedRegex("^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$")]
    private static partial Regex DepartementRegex();

    [GeneratedRegex("^([0-9]{5}|2[AB][0-9]{3})$")]
    private static partial Regex CommuneRegex();

    [GeneratedRegex(@"^\+?[0-9]([0-9 .\-]*[0-9])?$")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^[A-Za-z0-9-]+:\S+$")]
    private static partial Regex SocialRegex();
}
