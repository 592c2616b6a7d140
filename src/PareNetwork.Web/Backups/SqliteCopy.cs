using Microsoft.Data.Sqlite;

namespace PareNetwork.Web.Backups;

/// <summary>A consistent copy of a live SQLite file, checked before it is trusted.</summary>
public static class SqliteCopy
{
    /// <summary>
    /// <c>VACUUM INTO</c> reads one snapshot of the database while the app keeps writing (no file copy of a database
    /// in the middle of a transaction, no forgotten WAL file), and writes a compact standalone file.
    /// </summary>
    public static async Task CopyAsync(string source, string destination, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = source,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $destination";
        command.Parameters.AddWithValue("$destination", destination);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>What <c>PRAGMA integrity_check</c> says of the file (« ok » when sound), and its tables' row counts.</summary>
    public static async Task<(string Integrity, IReadOnlyDictionary<string, long> Rows)> InspectAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(ct);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var lines = new List<string>();
        await using (var reader = await check.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                lines.Add(reader.GetString(0));
            }
        }
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(connection, ct))
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            rows[table] = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return (string.Join("; ", lines), rows);
    }

    private static async Task<List<string>> TablesAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }
}
