using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Djoser.Sample.Username.Migrations
{
    /// <inheritdoc />
    public partial class JwtBlacklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DjoserJwtBlacklist",
                columns: table => new
                {
                    Jti = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BlacklistedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DjoserJwtBlacklist", x => x.Jti);
                });

            migrationBuilder.CreateTable(
                name: "DjoserJwtRevocations",
                columns: table => new
                {
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedBefore = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DjoserJwtRevocations", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_DjoserJwtRevocations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DjoserJwtBlacklist_ExpiresAt",
                table: "DjoserJwtBlacklist",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DjoserJwtBlacklist");

            migrationBuilder.DropTable(
                name: "DjoserJwtRevocations");
        }
    }
}
