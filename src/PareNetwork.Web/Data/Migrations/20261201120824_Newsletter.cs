using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PareNetwork.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Newsletter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Headers",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NewsletterSubscribers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Civility = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StructureType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsentWording = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestIpHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConfirmationIpHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RenewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RenewalIpHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RenewalRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnsubscribedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TokenExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewsletterSubscribers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSubscribers_NormalizedEmail",
                table: "NewsletterSubscribers",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSubscribers_Status",
                table: "NewsletterSubscribers",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_NewsletterSubscribers_TokenHash",
                table: "NewsletterSubscribers",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NewsletterSubscribers");

            migrationBuilder.DropColumn(
                name: "Headers",
                table: "Outbox");
        }
    }
}
