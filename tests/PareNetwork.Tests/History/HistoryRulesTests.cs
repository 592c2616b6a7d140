using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.History;

public partial class HistoryRulesTests
{
    private static PareDbContext Design() => new(new DbContextOptionsBuilder<PareDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void Every_mapped_structure_property_is_either_recorded_under_a_field_code_or_declared_technical()
    {
        using var db = Design();
        var properties = db.Model.FindEntityType(typeof(Structure))!.GetProperties().Select(p => p.Name).ToList();

        Assert.DoesNotContain(properties, p => !StructureFields.ByProperty.ContainsKey(p) && !StructureFields.NotRecorded.Contains(p));
        Assert.Equal(StructureFields.ByProperty.Count, StructureFields.ByProperty.Values.Distinct().Count());
        Assert.DoesNotContain(StructureFields.Departements, StructureFields.ByProperty.Values);
    }

    [Fact]
    public void The_join_table_has_the_columns_the_interceptor_reads()
    {
        using var db = Design();
        var join = db.Model.FindEntityType(typeof(Structure))!.FindSkipNavigation(nameof(Structure.Departements))!.JoinEntityType;

        Assert.NotNull(join.FindProperty(StructureHistoryInterceptor.JoinStructureId));
        Assert.NotNull(join.FindProperty(StructureHistoryInterceptor.JoinDepartementCode));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(StructureStatus.EnAttente, "en-attente")]
    [InlineData(StructureNature.ServicePublic, "service-public")]
    [InlineData(AddressVisibility.Confidentielle, "confidentielle")]
    public void Values_are_written_as_stable_codes(object? value, string? expected) => Assert.Equal(expected, StructureFields.Format(value));

    [Fact]
    public void Lists_points_and_times_are_written_in_a_stable_readable_way()
    {
        Assert.Equal("prevention|pair-aidance", StructureFields.Format(new List<StructureAction> { StructureAction.Prevention, StructureAction.PairAidance }));
        Assert.Null(StructureFields.Format(new List<string>()));
        Assert.Equal("-21.1151,55.536384", StructureFields.Format(GeoConstants.Point(-21.11510001, 55.5363843)));
        Assert.Equal("2026-03-01T08:30:00.0000000Z", StructureFields.Format(new DateTime(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("2A|2B|67", StructureFields.FormatDepartements(["67", "2B", "2A", "67"]));
        Assert.Null(StructureFields.FormatDepartements([]));
    }

    /// <summary>Bulk updates and deletes, and raw SQL writes, bypass the interceptor: the history and the catalogue would miss them.</summary>
    [Fact]
    public void No_source_file_writes_structures_around_SaveChanges()
    {
        var src = Path.Combine(Path.GetDirectoryName(PareAppFactory.RepositoryDataSeed)!, "src");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }
            var code = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            offenders.AddRange(code.Split(';')
                .Where(statement => StructureTable().IsMatch(statement) && (BulkWrite().IsMatch(statement) || RawSqlWrite().IsMatch(statement)))
                .Select(statement => $"{relative}: {statement.Trim()}"));
        }

        Assert.Empty(offenders);
    }

    /// <summary>Structures and their own tables; the history rows and member links are no part of a structure's record.</summary>
    [GeneratedRegex(@"Structure(?!Changes?\b|Members?\b)")]
    private static partial Regex StructureTable();

    [GeneratedRegex(@"\.Execute(Update|Delete)(Async)?\s*\(")]
    private static partial Regex BulkWrite();

    [GeneratedRegex(@"ExecuteSql[\s\S]*\b(UPDATE|DELETE|INSERT)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RawSqlWrite();
}
