using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PareNetwork.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Freshness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FreshnessDigests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Week = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FreshnessDigests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FreshnessLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FreshnessLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FreshnessLinks_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FreshnessReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: false),
                    Cycle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FreshnessReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FreshnessReminders_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FreshnessDigests_Week",
                table: "FreshnessDigests",
                column: "Week",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FreshnessLinks_ExpiresAt",
                table: "FreshnessLinks",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_FreshnessLinks_StructureId",
                table: "FreshnessLinks",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_FreshnessLinks_TokenHash",
                table: "FreshnessLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FreshnessReminders_SentAt",
                table: "FreshnessReminders",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_FreshnessReminders_StructureId_Cycle_Kind",
                table: "FreshnessReminders",
                columns: new[] { "StructureId", "Cycle", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FreshnessDigests");

            migrationBuilder.DropTable(
                name: "FreshnessLinks");

            migrationBuilder.DropTable(
                name: "FreshnessReminders");
        }
    }
}
