using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PareNetwork.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoverageSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoverageSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MethodVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RadiusKm = table.Column<double>(type: "REAL", nullable: false),
                    PublishedStructures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverageSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CoverageDepartements",
                columns: table => new
                {
                    SnapshotId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RegionName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Population = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalStructures = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionalStructures = table.Column<int>(type: "INTEGER", nullable: false),
                    NationalStructures = table.Column<int>(type: "INTEGER", nullable: false),
                    ByAction = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LocalPer100000 = table.Column<double>(type: "REAL", nullable: false),
                    ShareWithinRadius = table.Column<double>(type: "REAL", nullable: false),
                    CommunesPopulation = table.Column<long>(type: "INTEGER", nullable: false),
                    PopulationWithinRadius = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalWithoutPoint = table.Column<int>(type: "INTEGER", nullable: false),
                    ShareUpToDate = table.Column<double>(type: "REAL", nullable: true),
                    MissingActions = table.Column<string>(type: "TEXT", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Class = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverageDepartements", x => new { x.SnapshotId, x.Code });
                    table.ForeignKey(
                        name: "FK_CoverageDepartements_CoverageSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "CoverageSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoverageRegions",
                columns: table => new
                {
                    SnapshotId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DepartementCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Population = table.Column<long>(type: "INTEGER", nullable: false),
                    LocalStructures = table.Column<int>(type: "INTEGER", nullable: false),
                    CommunesPopulation = table.Column<long>(type: "INTEGER", nullable: false),
                    PopulationWithinRadius = table.Column<long>(type: "INTEGER", nullable: false),
                    ShareWithinRadius = table.Column<double>(type: "REAL", nullable: false),
                    ShareUpToDate = table.Column<double>(type: "REAL", nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverageRegions", x => new { x.SnapshotId, x.Code });
                    table.ForeignKey(
                        name: "FK_CoverageRegions_CoverageSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "CoverageSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoverageDepartements_Code",
                table: "CoverageDepartements",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_CoverageSnapshots_ComputedAt",
                table: "CoverageSnapshots",
                column: "ComputedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoverageDepartements");

            migrationBuilder.DropTable(
                name: "CoverageRegions");

            migrationBuilder.DropTable(
                name: "CoverageSnapshots");
        }
    }
}
