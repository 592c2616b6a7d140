using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Contributions.Uploads;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Contributions;

/// <summary>
/// <c>GET /contributions/{id}/fichier</c>: a contribution's file, always as an attachment with nosniff (never shown
/// inline by the browser, whatever it holds). Anyone once the contribution is published; before that, the
/// coordination only — everyone else gets 404, as if it did not exist.
/// </summary>
public static class ContributionFiles
{
    public static string Url(int id) => $"/contributions/{id}/fichier";

    public static IEndpointRouteBuilder MapContributionFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/contributions/{id:int}/fichier", async (int id, HttpContext http, PareDbContext db, UploadStore store) =>
        {
            var c = await db.Contributions.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.Status, x.FileName, x.FileOriginalName, x.FileContentType }).SingleOrDefaultAsync();
            var allowed = c is not null && (c.Status == ContributionStatus.Publiee || http.User.IsInRole(Accounts.Roles.Coordination));
            if (!allowed || store.PathOf(c!.FileName) is not { } path || !File.Exists(path))
            {
                return Results.NotFound();
            }
            var type = UploadedFileType.FromContentType(c.FileContentType) ?? UploadedFileType.Pdf;
            var downloadName = c.FileOriginalName is { Length: > 0 } original
                ? Path.ChangeExtension(original, type.Extension)
                : $"contribution-{id}{type.Extension}";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = c.Status == ContributionStatus.Publiee ? "public, max-age=3600" : "private, no-store";
            return Results.File(path, type.ContentType, downloadName, enableRangeProcessing: true);
        });
        return app;
    }

    /// <summary>« 2,4 Mo », « 830 Ko ».</summary>
    public static string SizeLabel(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / 1024d / 1024d).ToString("0.#", Pages.Shared.Display.French)}\u00A0Mo"
        : $"{Math.Max(1, bytes / 1024).ToString(Pages.Shared.Display.French)}\u00A0Ko";
}
