using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PareNetwork.Web.Data;

/// <summary>Writes times as UTC and reads them back marked as UTC, whatever the provider keeps of their kind.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
