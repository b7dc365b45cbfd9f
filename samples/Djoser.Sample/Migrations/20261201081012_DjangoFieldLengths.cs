using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Djoser.Sample.Migrations
{
    /// <inheritdoc />
    public partial class DjangoFieldLengths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // [MaxLength(150)] on FirstName/LastName: SQLite stores TEXT of any length, so only the model changes.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
