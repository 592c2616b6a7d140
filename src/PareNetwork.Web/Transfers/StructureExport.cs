using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Exports;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Imports;

namespace PareNetwork.Web.Transfers;

/// <summary>
/// The filter of an export, with the query parameters of the back office's structures table (codes only):
/// <c>statut</c>, <c>departement</c>, <c>portee</c>, <c>action</c>. An empty parameter does not filter.
/// </summary>
public sealed record ExportFilter(StructureStatus? Status, string? Departement, Scope? Scope, StructureAction? Action)
{
    /// <summary>Parses the codes; the French error names the parameter, and quotes the code (a code is never confidential).</summary>
    public static (ExportFilter? Filter, string? Error) Parse(string? statut, string? departement, string? portee, string? action, GeoReference geo)
    {
        StructureStatus? status = null;
        if (!string.IsNullOrWhiteSpace(statut))
        {
            if (!Vocabulary.Statuses.TryParse(statut.Trim(), out var s))
            {
                return (null, $"Statut « {Short(statut)} » inconnu (valeurs admises : {Vocabulary.Statuses.CodeList}).");
            }
            status = s;
        }
        string? code = null;
        if (!string.IsNullOrWhiteSpace(departement))
        {
            code = CsvCells.RepairDepartement(departement.Trim().ToUpperInvariant());
            if (!geo.DepartementsByCode.ContainsKey(code))
            {
                return (null, $"Département « {Short(departement)} » inconnu.");
            }
        }
        Scope? scope = null;
        if (!string.IsNullOrWhiteSpace(portee))
        {
            if (!Vocabulary.Scopes.TryParse(portee.Trim(), out var p))
            {
                return (null, $"Portée « {Short(portee)} » inconnue (valeurs admises : {Vocabulary.Scopes.CodeList}).");
            }
            scope = p;
        }
        StructureAction? act = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (!Vocabulary.Actions.TryParse(action.Trim(), out var a))
            {
                return (null, $"Action « {Short(action)} » inconnue (valeurs admises : {Vocabulary.Actions.CodeList}).");
            }
            act = a;
        }
        return (new ExportFilter(status, code, scope, act), null);
    }

    public bool Matches(Structure s) =>
        (Status is not { } status || s.Status == status)
        && (Departement is not { } code || s.Scope == Domain.Scope.Nationale || s.Departements.Any(d => d.Code == code))
        && (Scope is not { } scope || s.Scope == scope)
        && (Action is not { } action || s.Actions.Contains(action));

    /// <summary>The filter as a query string of codes, as logged and as the download link carries it.</summary>
    public string QueryString
    {
        get
        {
            var parts = new List<string>();
            if (Status is { } status)
            {
                parts.Add("statut=" + Vocabulary.Statuses.Code(status));
            }
            if (Departement is { } code)
            {
                parts.Add("departement=" + code);
            }
            if (Scope is { } scope)
            {
                parts.Add("portee=" + Vocabulary.Scopes.Code(scope));
            }
            if (Action is { } action)
            {
                parts.Add("action=" + Vocabulary.Actions.Code(action));
            }
            return string.Join('&', parts);
        }
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

/// <summary>The rows of an export, and the log of an export that holds confidential values.</summary>
public static class StructureExport
{
    public sealed record Result(byte[] Content, int Rows, int ConfidentialRows);

    /// <summary>The structures matching the filter, as rows, in a stable order (external key, then id).</summary>
    public static async Task<List<StructureImportRow>> RowsAsync(PareDbContext db, ExportFilter filter, CancellationToken ct = default)
    {
        var structures = await db.Structures.AsNoTracking().Include(s => s.Departements).AsSplitQuery()
            .OrderBy(s => s.ExternalKey == null).ThenBy(s => s.ExternalKey).ThenBy(s => s.Id)
            .ToListAsync(ct);
        return [.. structures.Where(filter.Matches).Select(StructureRows.From)];
    }

    /// <summary>
    /// Writes the CSV; with <paramref name="includeConfidential"/>, logs who exported how many rows, and how many of
    /// them confidential, before handing the file over.
    /// </summary>
    public static async Task<Result> WriteAsync(PareDbContext db, ExportFilter filter, bool includeConfidential, string? userId, string userLabel, DateTime now, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, filter, ct);
        using var stream = new MemoryStream();
        await StructureCsvWriter.WriteAsync(stream, rows, includeConfidential, ct);
        var confidential = rows.Count(r => r.Confidential);
        if (includeConfidential)
        {
            db.ExportLogs.Add(new ExportLog
            {
                At = now,
                UserId = userId,
                UserLabel = userLabel,
                Rows = rows.Count,
                ConfidentialRows = confidential,
                Filter = filter.QueryString is { Length: > 0 } query ? query : null,
            });
            await db.SaveChangesAsync(ct);
        }
        return new Result(stream.ToArray(), rows.Count, confidential);
    }

    /// <summary>« structures-pare-2026-12-01.csv », in Paris time.</summary>
    public static string FileName(DateTime now) =>
        $"structures-pare-{Pages.Shared.Display.ParisTime(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
}
