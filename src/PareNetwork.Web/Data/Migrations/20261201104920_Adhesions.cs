using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PareNetwork.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Adhesions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MembershipApplications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApplicantRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApplicantEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ApplicantPhone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    StructureId = table.Column<int>(type: "INTEGER", nullable: false),
                    NewStructure = table.Column<bool>(type: "INTEGER", nullable: false),
                    LinkRequestId = table.Column<int>(type: "INTEGER", nullable: true),
                    Expectations = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CharterAccepted = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ConsentAccepted = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    QuestionAskedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MembershipApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MembershipApplications_LinkRequests_LinkRequestId",
                        column: x => x.LinkRequestId,
                        principalTable: "LinkRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_MembershipApplications_Structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "Structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MembershipApplications_LinkRequestId",
                table: "MembershipApplications",
                column: "LinkRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_MembershipApplications_Status_CreatedAt",
                table: "MembershipApplications",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MembershipApplications_StructureId",
                table: "MembershipApplications",
                column: "StructureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MembershipApplications");
        }
    }
}
