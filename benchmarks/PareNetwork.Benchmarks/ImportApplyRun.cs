using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Web.Data;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Imports;
using PareNetwork.Web.Transfers;

namespace PareNetwork.Benchmarks;

/// <summary>
/// The back office's import end to end over a fresh database (migrated and seeded): preview and apply of a
/// 10,000-row file that creates every structure, then preview and apply of the same file with every row changed.
/// One run each, timed with a Stopwatch (a single apply is what a coordinator waits for); memory is what the step
/// allocated and the process's peak working set.
/// </summary>
internal static class ImportApplyRun
{
    public static async Task<int> RunAsync(int count, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("pare-import-bench-").FullName;
        try
        {
            await using var factory = new PareAppFactory(Path.Combine(folder, "pare.db"));
            _ = factory.Services; // starts the app: migrations and seeding
            var rows = CsvBenchmarks.Generate(count, BenchEnvironment.DefaultSeed);
            var created = await Bytes(rows);
            var updated = await Bytes([.. rows.Select(r => r with { Phones = ["01 23 45 67 89"], OpeningHours = "Lun–sam 8h–20h" })]);
            output.WriteLine($"Import of {count:N0} rows ({created.Length:N0} bytes), {Environment.ProcessorCount} cores, .NET {Environment.Version}:");

            await MeasureAsync(factory, output, "preview, all new", count, import => import.PreviewAsync(created), p => p.Count(ImportOutcome.Creee));
            await MeasureAsync(factory, output, "apply, all new", count, async import => (await import.ApplyAsync(created, null)).Plan, p => p.Count(ImportOutcome.Creee));
            await MeasureAsync(factory, output, "preview, all unchanged", count, import => import.PreviewAsync(created), p => p.Count(ImportOutcome.Inchangee));
            await MeasureAsync(factory, output, "apply, all updated", count, async import => (await import.ApplyAsync(updated, null)).Plan, p => p.Count(ImportOutcome.MiseAJour));
            output.WriteLine($"Peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB.");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<byte[]> Bytes(List<StructureImportRow> rows)
    {
        using var stream = new MemoryStream();
        await StructureCsvWriter.WriteAsync(stream, rows, includeConfidential: true);
        return stream.ToArray();
    }

    private static async Task MeasureAsync(PareAppFactory factory, TextWriter output, string label, int count,
        Func<StructureImport, Task<ImportPlan>> step, Func<ImportPlan, int> expected)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var import = new StructureImport(services.GetRequiredService<PareDbContext>(), services.GetRequiredService<GeoReference>(),
            services.GetRequiredService<ChangeAuthor>(), TimeProvider.System);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var plan = await step(import);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (plan.HasErrors || expected(plan) != count)
        {
            throw new InvalidOperationException($"{label}: unexpected plan ({plan.FileError ?? plan.Rows.FirstOrDefault(r => r.Errors.Count > 0)?.Errors[0]}).");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-24} {watch.Elapsed.TotalSeconds,6:F2} s  {count / watch.Elapsed.TotalSeconds,8:N0} rows/s  {allocated / 1024.0 / 1024.0,7:N0} MB allocated  (managed heap after: {GC.GetTotalMemory(false) / 1024.0 / 1024.0:N0} MB)"));
    }
}
