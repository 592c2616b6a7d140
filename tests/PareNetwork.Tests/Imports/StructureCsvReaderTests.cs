using System.Text;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Imports;
using static PareNetwork.Tests.Imports.CsvSamples;

namespace PareNetwork.Tests.Imports;

public class StructureCsvReaderTests
{
    private const string ExtraHeader = "id;nom;nature;actions;publics;portee;departements;commune_insee;latitude;longitude;telephones;confidentiel;statut;contact_prive_email;contact_prive_telephone;contact_prive_adresse;frequence_mise_a_jour_mois;confirme_le";

    [Fact]
    public void A_Windows_1252_semicolon_file_from_French_Excel_reads_its_accents_and_its_multi_line_cell()
    {
        var text = SemicolonHeader + "\r\n"
            + "oeuvre-education;Œuvre de l'Éducation « Spéciale »;OES;association;prevention|formation;jeunes;departementale;68;68224;\"12 rue de l'Église\r\n68100 Mulhouse\";;;03 89 00 00 00;accueil@oeuvre.fr;;;Lun–ven 9h–17h, sauf jours fériés;non;\"Première ligne : « Éducation ».\r\nDeuxième ligne, avec ; un point-virgule et \"\"guillemets\"\".\";note.txt\r\n"
            + "foyer-ete;Foyer d'été;;etablissement;hebergement;mineurs-victimes;locale;69;;;;;;;;;;oui;Coût : 5 €;\r\n";
        var bytes = Bytes(text, Windows1252);
        Assert.Contains((byte)0x8C, bytes); // « Œ » in Windows-1252: the bytes are not UTF-8.

        var result = StructureCsvReader.Read(bytes);

        Assert.Null(result.FileError);
        Assert.Equal("Windows-1252", result.EncodingName);
        Assert.Equal(';', result.Delimiter);
        Assert.Equal([2L, 5L], result.Rows.Select(r => r.Line));
        var first = result.Rows[0].Row!;
        Assert.Equal(new StructureImportRow
        {
            Id = "oeuvre-education",
            Name = "Œuvre de l'Éducation « Spéciale »",
            Acronym = "OES",
            Nature = StructureNature.Association,
            Actions = [StructureAction.Prevention, StructureAction.Formation],
            Publics = [StructurePublic.Jeunes],
            Scope = Scope.Departementale,
            Departements = ["68"],
            CommuneInsee = "68224",
            Address = "12 rue de l'Église\r\n68100 Mulhouse",
            Phones = ["03 89 00 00 00"],
            Email = "accueil@oeuvre.fr",
            OpeningHours = "Lun–ven 9h–17h, sauf jours fériés",
            Confidential = false,
            Description = "Première ligne : « Éducation ».\r\nDeuxième ligne, avec ; un point-virgule et \"guillemets\".",
            Sources = ["note.txt"],
        }, first);
        var second = result.Rows[1].Row!;
        Assert.Equal(("foyer-ete", "Foyer d'été", "Coût : 5 €", true), (second.Id, second.Name, second.Description, second.Confidential));
        Assert.Empty(second.Sources);
    }

    [Theory]
    [InlineData(true, "UTF-8 avec BOM")]
    [InlineData(false, "UTF-8")]
    public void A_UTF_8_file_reads_the_same_with_or_without_BOM(bool bom, string encodingName)
    {
        var text = SeedHeader + "\n"
            + "ecoute-educ,\"Écoute Éducation, Œuvre\",,ligne-ecoute,ecoute-orientation,jeunes,nationale,,,,,,119,,,,\"24h/24, 7j/7\",non,Ligne « nationale » – gratuite,a.txt|b.txt\n";

        var result = Read(text, Encoding.UTF8, bom);

        Assert.Equal(encodingName, result.EncodingName);
        Assert.Equal(',', result.Delimiter);
        var row = Single(result);
        Assert.Equal(("Écoute Éducation, Œuvre", "24h/24, 7j/7", "Ligne « nationale » – gratuite"), (row.Name, row.OpeningHours, row.Description));
        Assert.Equal(["119"], row.Phones);
        Assert.Equal(["a.txt", "b.txt"], row.Sources);
        Assert.Equal(Scope.Nationale, row.Scope);
        Assert.Empty(row.Departements);
    }

    [Fact]
    public void What_Excel_did_to_a_saved_file_is_undone_lost_leading_zeros_decimal_commas_French_dates()
    {
        var text = ExtraHeader + "\r\n"
            + "bourg;Maison de Bourg;association;prevention;jeunes;regionale;1|2|2A|971|38;1053;46,2052;5,2255;757764658|116000;non;publiee;;612345678;;12;01/03/2025\r\n"
            + "ajaccio;Point Ajaccio;association;prevention;jeunes;locale;2a;2a004;41.9192;8.7386;;non;;;;;;2025-03-01\r\n";

        var result = Read(text);

        Assert.Null(result.FileError);
        Assert.Empty(result.Errors);
        var bourg = result.Rows[0].Row!;
        Assert.Equal(["01", "02", "2A", "971", "38"], bourg.Departements);
        Assert.Equal("01053", bourg.CommuneInsee);
        Assert.Equal((46.2052, 5.2255), (bourg.Latitude!.Value, bourg.Longitude!.Value));
        Assert.Equal(["0757764658", "116000"], bourg.Phones);
        Assert.Equal("0612345678", bourg.PrivatePhone);
        Assert.Equal(StructureStatus.Publiee, bourg.Status);
        Assert.Equal(12, bourg.UpdateFrequencyMonths);
        Assert.Equal(new DateOnly(2025, 3, 1), bourg.ConfirmedOn);
        var ajaccio = result.Rows[1].Row!;
        Assert.Equal(["2A"], ajaccio.Departements);
        Assert.Equal("2A004", ajaccio.CommuneInsee);
        Assert.Equal((41.9192, 8.7386), (ajaccio.Latitude!.Value, ajaccio.Longitude!.Value));
        Assert.Equal((null, StructureImportRow.DefaultUpdateFrequencyMonths, new DateOnly(2025, 3, 1)), (ajaccio.Status, ajaccio.UpdateFrequencyMonths, ajaccio.ConfirmedOn));
    }

    [Fact]
    public void A_comma_file_with_quoted_decimal_commas_reads_them()
    {
        var text = "nom,nature,actions,publics,portee,departements,latitude,longitude,confidentiel\n"
            + "Accueil,association,prevention,jeunes,locale,68,\"47,7489\",\"7,32526\",non\n";

        var row = Single(Read(text));

        Assert.Equal((47.7489, 7.32526), (row.Latitude!.Value, row.Longitude!.Value));
        Assert.Null(row.Id);
    }

    [Fact]
    public void The_optional_columns_are_read_and_default_when_absent()
    {
        var text = ExtraHeader + "\n"
            + "refus;Refusée;association;prevention;jeunes;nationale;;;;;;oui;refusee;direction@exemple.fr;+33 6 12 34 56 78;\"3 impasse des Lilas, 69001 Lyon\";3;2024-12-31\n"
            + "attente;En attente;association;prevention;jeunes;nationale;;;;;;non;en-attente;;;;;\n";

        var result = Read(text);

        Assert.Empty(result.Errors);
        var refused = result.Rows[0].Row!;
        Assert.Equal(
            (StructureStatus.Refusee, "direction@exemple.fr", "+33 6 12 34 56 78", "3 impasse des Lilas, 69001 Lyon", 3, new DateOnly(2024, 12, 31)),
            (refused.Status!.Value, refused.PrivateEmail, refused.PrivatePhone, refused.PrivateAddress, refused.UpdateFrequencyMonths, refused.ConfirmedOn!.Value));
        var waiting = result.Rows[1].Row!;
        Assert.Equal((StructureStatus.EnAttente, (string?)null, 6, (DateOnly?)null), (waiting.Status!.Value, waiting.PrivateEmail, waiting.UpdateFrequencyMonths, waiting.ConfirmedOn));

        var seedColumnsOnly = Single(Read(SeedHeader + "\nx,X,,association,prevention,jeunes,nationale,,,,,,,,,,,non,,\n"));
        Assert.Equal(((StructureStatus?)null, (string?)null, (string?)null, (string?)null, 6, (DateOnly?)null),
            (seedColumnsOnly.Status, seedColumnsOnly.PrivateEmail, seedColumnsOnly.PrivatePhone, seedColumnsOnly.PrivateAddress, seedColumnsOnly.UpdateFrequencyMonths, seedColumnsOnly.ConfirmedOn));
    }

    [Fact]
    public void Each_row_gets_all_its_errors_naming_the_line_where_it_starts_and_the_field()
    {
        var text = SemicolonHeader + ";statut;frequence_mise_a_jour_mois;confirme_le\r\n"
            + "bonne;Bonne;;association;prevention;jeunes;nationale;;;;;;;;;;;non;;;;;\r\n"
            + "Mauvais Id;;;helpline;prevention|chant;;mondiale;;;;;;;pas-une-adresse;www.exemple.fr;snapchat;;peut-être;\"deux\r\nlignes\";;publique;douze;31/02/2025\r\n"
            + "\r\n"
            + "bonne;Doublon;;association;prevention;jeunes;departementale;20|75;99;;;;01 AB;;;;;non;;;;;\r\n"
            + "courte;Courte;;association\r\n";

        var result = Read(text);

        Assert.Null(result.FileError);
        Assert.Equal([2L, 3L, 6L, 7L], result.Rows.Select(r => r.Line));
        Assert.True(result.Rows[0].IsValid);
        Assert.Equal(
        [
            "ligne 3, champ « confidentiel » : valeur « peut-être » invalide (oui ou non).",
            "ligne 3, champ « id » : identifiant « Mauvais Id » invalide (lettres minuscules, chiffres et tirets, 100 caractères au plus).",
            "ligne 3, champ « nom » : le nom est obligatoire.",
            "ligne 3, champ « nature » : valeur « helpline » inconnue (valeurs admises : association, fondation, service-public, etablissement, police, ligne-ecoute).",
            "ligne 3, champ « actions » : valeur « chant » inconnue (valeurs admises : prevention, reperage, ecoute-orientation, accompagnement-educatif, hebergement, soins, juridique, formation, soutien-parents, pair-aidance, coordination, signalement).",
            "ligne 3, champ « publics » : au moins un public est obligatoire.",
            "ligne 3, champ « portee » : valeur « mondiale » inconnue (valeurs admises : locale, departementale, regionale, nationale).",
            "ligne 3, champ « email » : adresse « pas-une-adresse » invalide.",
            "ligne 3, champ « site_web » : adresse « www.exemple.fr » invalide (adresse complète commençant par https:// attendue).",
            "ligne 3, champ « reseaux_sociaux » : compte « snapchat » invalide (réseau:identifiant, par exemple snapchat:ecouteboussole).",
            "ligne 3, champ « statut » : valeur « publique » inconnue (valeurs admises : en-attente, publiee, archivee, refusee).",
            "ligne 3, champ « frequence_mise_a_jour_mois » : valeur « douze » invalide (nombre entier de mois, de 1 à 120).",
            "ligne 3, champ « confirme_le » : date « 31/02/2025 » invalide (AAAA-MM-JJ ou JJ/MM/AAAA).",
        ], result.Rows[1].Errors.Select(e => e.Message));
        Assert.Equal(
        [
            "ligne 6, champ « id » : identifiant « bonne » déjà présent ligne 2.",
            "ligne 6, champ « departements » : département « 20 » inconnu (codes admis : 01 à 95, 2A, 2B, 971 à 976).",
            "ligne 6, champ « commune_insee » : code « 99 » invalide (code INSEE de la commune, 5 caractères, par exemple 01053).",
            "ligne 6, champ « telephones » : numéro « 01 AB » invalide (chiffres, espaces, points ou tirets, + en tête pour l'international).",
        ], result.Rows[2].Errors.Select(e => e.Message));
        Assert.Equal(
            ["ligne 7, champ « (ligne entière) » : la ligne compte 4 cellules et l'en-tête 23 colonnes (une cellule qui contient un retour à la ligne, un guillemet ou le séparateur doit être entre guillemets)."],
            result.Rows[3].Errors.Select(e => e.Message));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void An_error_never_quotes_a_confidential_value()
    {
        const string Address = "7 rue Secrète, 69001 Lyon";
        var text = ExtraHeader + ";adresse\n"
            + $"abri;Abri;etablissement;hebergement;mineurs-victimes;locale;69;6938X;45.7A64;4.8357;;oui;;secret@@abri.fr;06-SECRET;;;;{new string('x', 301)}\n"
            + $"abri-douteux;Abri douteux;etablissement;hebergement;mineurs-victimes;locale;69;6938Y;;4.8357;;peut-etre;;;;;;;\"{Address}\"\n"
            + "public;Public;association;prevention;jeunes;locale;69;6938Z;;;;non;;;;;;;\n";

        var result = Read(text);

        var messages = Messages(result);
        Assert.Equal(
        [
            "ligne 2, champ « commune_insee » : valeur invalide (code INSEE de la commune, 5 caractères).",
            "ligne 2, champ « adresse » : texte trop long (301 caractères, 300 au plus).",
            "ligne 2, champ « latitude » : valeur invalide (degrés décimaux entre -90 et 90).",
            "ligne 2, champ « contact_prive_email » : adresse invalide.",
            "ligne 2, champ « contact_prive_telephone » : numéro invalide (chiffres, espaces, points ou tirets, + en tête pour l'international).",
            "ligne 3, champ « confidentiel » : valeur « peut-etre » invalide (oui ou non).",
            "ligne 3, champ « commune_insee » : valeur invalide (code INSEE de la commune, 5 caractères).",
            "ligne 3, champ « latitude » : valeur manquante (la latitude et la longitude vont ensemble).",
            "ligne 4, champ « commune_insee » : code « 6938Z » invalide (code INSEE de la commune, 5 caractères, par exemple 01053).",
        ], messages);
        foreach (var secret in new[] { "6938X", "6938Y", "45.7A64", "4.8357", "secret@@abri.fr", "06-SECRET", "Secrète", "xxxx" })
        {
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Misaligned_cells_give_one_error_that_quotes_nothing()
    {
        // The address was not quoted: its comma shifts every later cell, the point lands under « telephones ».
        var text = SeedHeader + "\nabri,Abri,,etablissement,hebergement,mineurs-victimes,locale,69,69381,7 rue Secrète, 69001 Lyon,45.7,4.8,,,,,,oui,,\n";

        var messages = Messages(Read(text));

        Assert.Equal(["ligne 2, champ « (ligne entière) » : la ligne compte 21 cellules et l'en-tête 20 colonnes (une cellule qui contient un retour à la ligne, un guillemet ou le séparateur doit être entre guillemets)."], messages);
    }

    [Fact]
    public void A_misplaced_quote_is_reported_on_its_row()
    {
        var text = SeedHeader + "\nx,Le \"Relais\",,association,prevention,jeunes,nationale,,,,,,,,,,,non,,\n";

        Assert.Equal(["ligne 2, champ « (ligne entière) » : guillemet mal placé (une cellule qui contient des guillemets doit être entre guillemets, et ses guillemets doublés)."], Messages(Read(text)));
    }

    [Fact]
    public void A_text_Excel_must_not_run_loses_the_writer_s_apostrophe_and_keeps_any_other()
    {
        var text = "nom;sigle;nature;actions;publics;portee;telephones;horaires;confidentiel;description\n"
            + "\"'=HYPERLINK(\"\"https://x.example\"\";\"\"y\"\")\";'-1;association;prevention;jeunes;nationale;'+33 1 23 45 67 89;''@SUM(A1);non;'Allô, l'écoute\n";

        var row = Single(Read(text));

        Assert.Equal(("=HYPERLINK(\"https://x.example\";\"y\")", "-1", "'@SUM(A1)", "'Allô, l'écoute"), (row.Name, row.Acronym, row.OpeningHours, row.Description));
        Assert.Equal(["+33 1 23 45 67 89"], row.Phones);
    }

    [Fact]
    public void Columns_are_matched_by_name_in_any_order_and_case_and_empty_trailing_columns_are_tolerated()
    {
        var text = "Confidentiel;PORTEE;publics;actions;nature;Nom;;\r\nnon;nationale;jeunes;prevention;association;Dans le désordre;;\r\n";

        var row = Single(Read(text));

        Assert.Equal(("Dans le désordre", Scope.Nationale, false), (row.Name, row.Scope, row.Confidential));
        Assert.Equal(
            ["ligne 2, champ « colonne 7 (sans nom) » : valeur dans une colonne sans nom."],
            Messages(Read("confidentiel;portee;publics;actions;nature;nom;;\nnon;nationale;jeunes;prevention;association;X;oubli;\n")));
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_stay_physical()
    {
        const string NewLine = "\r\n";
        var text = SemicolonHeader + NewLine + NewLine
            + "a;A;;association;prevention;jeunes;nationale;;;;;;;;;;;non;\"une\nnouvelle\nligne\";" + NewLine
            + ";;;;;;;;;;;;;;;;;;;" + NewLine
            + "b;B;;association;prevention;jeunes;nationale;;;;;;;;;;;non;;" + NewLine;

        var result = Read(text);

        Assert.Equal([3L, 7L], result.Rows.Select(r => r.Line));
        Assert.Equal("une\nnouvelle\nligne", result.Rows[0].Row!.Description);
    }

    [Fact]
    public void A_quote_never_closed_swallows_the_rest_into_one_row_reported_where_it_starts()
    {
        var text = SeedHeader + "\n"
            + "a,A,,association,prevention,jeunes,nationale,,,,,,,,,,,non,\"Description sans fin,\n"
            + "b,B,,association,prevention,jeunes,nationale,,,,,,,,,,,non,,\n";

        var result = Read(text);

        var row = Assert.Single(result.Rows);
        Assert.Equal(["ligne 2, champ « (ligne entière) » : la ligne compte 19 cellules et l'en-tête 20 colonnes (une cellule qui contient un retour à la ligne, un guillemet ou le séparateur doit être entre guillemets)."], row.Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_cell_of_more_than_100_000_characters_stops_the_reading_without_quoting_it()
    {
        var text = SeedHeader + "\n"
            + "a,A,,association,prevention,jeunes,nationale,,,,,,,,,,,oui,,\n"
            + "b,B,,association,prevention,jeunes,nationale,,,\"" + string.Concat(Enumerable.Repeat("3 rue Secrète ", 8_000)) + "\",,,,,,,,non,,\n";

        var result = Read(text);

        Assert.Equal("Ligne 3 : une cellule dépasse 100\u00A0000 caractères (un guillemet ouvert et jamais refermé ?).", result.FileError);
        Assert.Empty(result.Rows);
    }

    public static TheoryData<string, byte[]> RefusedEncodings() => new()
    {
        { "Le fichier n'est pas un texte CSV lisible (il contient des octets nuls : fichier binaire, ou texte UTF-16 sans marque d'ordre des octets). Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.",
            Encoding.Unicode.GetBytes(SeedHeader + "\nx,Éducation,,association,prevention,jeunes,nationale,,,,,,,,,,,non,,\n") },
        { "Le fichier n'est pas un texte CSV lisible (il contient des octets nuls : fichier binaire, ou texte UTF-16 sans marque d'ordre des octets). Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.",
            Encoding.BigEndianUnicode.GetBytes(SeedHeader + "\n") },
        { "Le fichier est encodé en UTF-16 ou UTF-32 (« Texte Unicode »), que l'import ne lit pas. Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.",
            Bytes(SeedHeader.Replace(',', '\t') + "\n", Encoding.Unicode, bom: true) },
        { "Le fichier est un classeur Excel (.xlsx), pas un fichier CSV. Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.",
            [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00] },
        { "Le fichier contient des caractères de contrôle (ligne 2) : ce n'est pas un texte CSV. Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.",
            [.. Encoding.ASCII.GetBytes("nom,nature\n"), 0x1B, 0x5B, 0x30, 0x6D, 0xFF, 0xD8, 0xFF, 0xE0] },
        { "L'encodage du fichier n'est ni UTF-8 ni Windows-1252 (ligne 2). Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.",
            // « Ç » and « é » in Mac Roman (0x82, 0x8E) and a « è » (0x8F), undefined in Windows-1252.
            [.. Encoding.ASCII.GetBytes(SemicolonHeader + "\nx;"), 0x82, 0x61, 0x20, 0x8F, 0x8E] },
        { "Le fichier s'annonce en UTF-8 mais contient des octets invalides (ligne 3). Dans Excel, « Enregistrer sous » au format « CSV UTF-8 (délimité par des virgules) » ou « CSV (séparateur : point-virgule) », puis importez ce fichier.",
            [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes(SeedHeader + "\nx,a\ny,"), 0xC9, 0x64] },
        { "Le fichier semble avoir été converti deux fois (« Ã© » à la place de « é », ligne 2) : repartez du fichier d'origine et enregistrez-le au format « CSV UTF-8 ».",
            Encoding.UTF8.GetBytes(SeedHeader + "\nx," + Windows1252.GetString(Encoding.UTF8.GetBytes("Éducation")) + "\n") },
    };

    [Theory]
    [MemberData(nameof(RefusedEncodings))]
    public void Bytes_that_would_come_out_garbled_are_refused_with_a_French_message(string expected, byte[] bytes)
    {
        var result = StructureCsvReader.Read(bytes);

        Assert.Equal(expected, result.FileError);
        Assert.Empty(result.Rows);
        Assert.True(result.HasErrors);
    }

    [Theory]
    [InlineData("", "Le fichier est vide.")]
    [InlineData("\uFEFF", "Le fichier est vide.")]
    [InlineData(" \r\n\r\n", "Le fichier est vide.")]
    [InlineData("id,nom,nature,actions,publics,portee,confidentiel\r\n", "Le fichier ne contient que la ligne d'en-tête : aucune structure à importer.")]
    [InlineData("id;nom;nature;actions;publics;portee;confidentiel\r\n;;;;;;\r\n\r\n", "Le fichier ne contient que la ligne d'en-tête : aucune structure à importer.")]
    [InlineData("nom\tnature\tportee\nA\tassociation\tlocale\n", "La première ligne ne contient ni point-virgule ni virgule : elle doit nommer les colonnes, séparées par l'un ou l'autre (id, nom, sigle, nature, actions, publics, portee, departements, commune_insee, adresse, latitude, longitude, telephones, email, site_web, reseaux_sociaux, horaires, confidentiel, description, source, statut, contact_prive_email, contact_prive_telephone, contact_prive_adresse, frequence_mise_a_jour_mois, confirme_le).")]
    [InlineData("abri;Abri;;etablissement;hebergement;mineurs-victimes;locale;69;69381;7 rue Secrète;45.7;4.8;;;;;;oui;;\n", "Colonnes obligatoires absentes de la première ligne : nom, nature, actions, publics, portee, confidentiel. La première ligne doit nommer les colonnes (id, nom, sigle, nature, actions, publics, portee, departements, commune_insee, adresse, latitude, longitude, telephones, email, site_web, reseaux_sociaux, horaires, confidentiel, description, source, statut, contact_prive_email, contact_prive_telephone, contact_prive_adresse, frequence_mise_a_jour_mois, confirme_le).")]
    [InlineData("id;nom;nature;actions;publics;portee\nx;X;association;prevention;jeunes;nationale\n", "Colonne obligatoire absente de la première ligne : confidentiel. La première ligne doit nommer les colonnes (id, nom, sigle, nature, actions, publics, portee, departements, commune_insee, adresse, latitude, longitude, telephones, email, site_web, reseaux_sociaux, horaires, confidentiel, description, source, statut, contact_prive_email, contact_prive_telephone, contact_prive_adresse, frequence_mise_a_jour_mois, confirme_le).")]
    [InlineData("nom;nature;actions;publics;portee;confidentiel;remarques;Ville\nX;association;prevention;jeunes;nationale;non;;\n", "Colonnes inconnues : « remarques », « ville » (colonnes admises : id, nom, sigle, nature, actions, publics, portee, departements, commune_insee, adresse, latitude, longitude, telephones, email, site_web, reseaux_sociaux, horaires, confidentiel, description, source, statut, contact_prive_email, contact_prive_telephone, contact_prive_adresse, frequence_mise_a_jour_mois, confirme_le).")]
    [InlineData("nom;nature;actions;publics;portee;confidentiel;nom\nX;association;prevention;jeunes;nationale;non;Y\n", "Colonne présente plusieurs fois : « nom ».")]
    public void A_file_without_rows_or_without_its_header_is_refused_as_a_whole(string text, string expected)
    {
        var result = Read(text);

        Assert.Equal(expected, result.FileError);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void A_file_of_more_than_50_000_structures_is_refused()
    {
        var text = new StringBuilder("nom;nature;actions;publics;portee;confidentiel\n");
        for (var i = 0; i <= StructureCsvReader.MaxRows; i++)
        {
            text.Append("X;association;prevention;jeunes;nationale;non\n");
        }

        var result = Read(text.ToString());

        Assert.Equal("Le fichier compte plus de 50\u00A0000 structures : découpez-le en plusieurs fichiers.", result.FileError);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public async Task A_generated_file_of_10_000_rows_parses_every_row_and_reports_progress()
    {
        var bytes = Bytes(Generated(10_000), Encoding.UTF8, bom: true);
        var reports = new List<StructureCsvProgress>();

        var result = await StructureCsvReader.ReadAsync(new MemoryStream(bytes), new SynchronousProgress(reports.Add));

        Assert.Null(result.FileError);
        Assert.Equal(10_000, result.Rows.Count);
        Assert.Empty(result.Errors);
        Assert.Equal(2L + (2 * 9_999), result.Rows[^1].Line);
        var last = result.Rows[^1].Row!;
        Assert.Equal(("gen-10000", "Structure générée n° 10000 – Œuvre « Éducation »", true, "68224"), (last.Id, last.Name, last.Confidential, last.CommuneInsee));
        Assert.Equal("Première ligne de la description ; avec un point-virgule.\nDeuxième ligne, « entre guillemets » et \"doublés\".", last.Description);
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => i * 1_000), 10_000], reports.Select(r => r.Rows));
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Fraction <= p.Second.Fraction));
    }

    [Fact]
    public async Task A_stream_larger_than_the_limit_is_refused_before_parsing()
    {
        var result = await StructureCsvReader.ReadAsync(new RepeatingStream(StructureCsvReader.MaxBytes + 1));

        Assert.Equal("Le fichier dépasse 100\u00A0Mo : découpez-le en plusieurs fichiers.", result.FileError);
    }

    private sealed class SynchronousProgress(Action<StructureCsvProgress> report) : IProgress<StructureCsvProgress>
    {
        public void Report(StructureCsvProgress value) => report(value);
    }

    /// <summary>A stream of <paramref name="length"/> bytes of « a », without holding them.</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
