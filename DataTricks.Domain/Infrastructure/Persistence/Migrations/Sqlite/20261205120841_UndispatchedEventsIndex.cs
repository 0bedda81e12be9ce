using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UndispatchedEventsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerEvents_DispatchedAt_Sequence",
                table: "CustomerEvents");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerEvents_Undispatched",
                table: "CustomerEvents",
                column: "Sequence",
                filter: "\"DispatchedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerEvents_Undispatched",
                table: "CustomerEvents");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerEvents_DispatchedAt_Sequence",
                table: "CustomerEvents",
                columns: new[] { "DispatchedAt", "Sequence" });
        }
    }
}
