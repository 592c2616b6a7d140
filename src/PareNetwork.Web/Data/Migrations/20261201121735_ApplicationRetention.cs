using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PareNetwork.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApplicationRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAt",
                table: "MembershipApplications",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "MembershipApplications");
        }
    }
}
