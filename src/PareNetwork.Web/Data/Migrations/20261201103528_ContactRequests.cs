using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PareNetwork.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContactRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequesterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequesterRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequesterOrganisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RequesterEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    RequesterPhone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Situation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConsentAccepted = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnonymisedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactRequests_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactRequests_Status_CreatedAt",
                table: "ContactRequests",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactRequests_StructureId",
                table: "ContactRequests",
                column: "StructureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactRequests");
        }
    }
}
