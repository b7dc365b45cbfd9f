using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Djoser.Sample.Username.Migrations
{
    /// <inheritdoc />
    public partial class DeviceTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Id",
                table: "DjoserAuthTokens",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "Device",
                table: "DjoserAuthTokens",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "DjoserAuthTokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastUsed",
                table: "DjoserAuthTokens",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Existing tokens keep working: each row gets an id of its own (upper-case text, as EF stores a Guid on SQLite)
            // before the id becomes the key, and was last used when it was created. This runs before the operations that
            // rebuild the table. The user's next login issues a new token (a default-mode token's id is derived from its
            // user's); logging out (djoser's default) deletes both.
            migrationBuilder.Sql(
                """
                UPDATE "DjoserAuthTokens" SET
                    "Id" = hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)),
                    "LastUsed" = "Created";
                """);

            migrationBuilder.DropPrimaryKey(
                name: "PK_DjoserAuthTokens",
                table: "DjoserAuthTokens");

            migrationBuilder.AlterColumn<string>(
                name: "ProtectedKey",
                table: "DjoserAuthTokens",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddPrimaryKey(
                name: "PK_DjoserAuthTokens",
                table: "DjoserAuthTokens",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_DjoserAuthTokens_UserId",
                table: "DjoserAuthTokens",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_DjoserAuthTokens",
                table: "DjoserAuthTokens");

            migrationBuilder.DropIndex(
                name: "IX_DjoserAuthTokens_UserId",
                table: "DjoserAuthTokens");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "DjoserAuthTokens");

            migrationBuilder.DropColumn(
                name: "Device",
                table: "DjoserAuthTokens");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "DjoserAuthTokens");

            migrationBuilder.DropColumn(
                name: "LastUsed",
                table: "DjoserAuthTokens");

            migrationBuilder.AlterColumn<string>(
                name: "ProtectedKey",
                table: "DjoserAuthTokens",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_DjoserAuthTokens",
                table: "DjoserAuthTokens",
                column: "UserId");
        }
    }
}
