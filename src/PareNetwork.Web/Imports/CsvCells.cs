namespace PareNetwork.Web.Imports;

/// <summary>What the writer does to a cell and the reader undoes, and the repairs of what Excel does to a saved file.</summary>
internal static class CsvCells
{
    /// <summary>The first characters a spreadsheet takes for a formula (OWASP, « CSV Injection »).</summary>
    public static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A text cell a spreadsheet would run as a formula gets a leading apostrophe. So does a cell that already
    /// starts with apostrophes before such a character: <see cref="Unescape"/> removes exactly one, so every
    /// text comes back as it was.
    /// </summary>
    public static string Escape(string value) => NeedsEscape(value) ? "'" + value : value;

    public static string Unescape(string value) => value.Length > 1 && value[0] == '\'' && NeedsEscape(value.AsSpan(1)) ? value[1..] : value;

    private static bool NeedsEscape(ReadOnlySpan<char> value)
    {
        var rest = value.TrimStart('\'');
        return rest.Length > 0 && IsFormulaStart(rest[0]);
    }

    /// <summary>A département code Excel read as a number: « 2 » → « 02 »; « 2A », « 971 » are untouched.</summary>
    public static string RepairDepartement(string code) => code.Length == 1 && char.IsAsciiDigit(code[0]) ? "0" + code : code;

    /// <summary>An INSEE commune code Excel read as a number: « 1053 » → « 01053 ».</summary>
    public static string RepairCommune(string code) => code.Length == 4 && IsDigits(code) ? "0" + code : code;

    /// <summary>A French ten-digit number Excel read as a number: « 757764658 » → « 0757764658 ».</summary>
    public static string RepairPhone(string phone) => phone.Length == 9 && phone[0] != '0' && IsDigits(phone) ? "0" + phone : phone;

    private static bool IsDigits(string value) => value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
