using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NaturalSortKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "Users",
                type: "TEXT",
                maxLength: 202,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "Repos",
                type: "TEXT",
                maxLength: 202,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "Customers",
                type: "TEXT",
                maxLength: 202,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "ComputeEnvironments",
                type: "TEXT",
                maxLength: 130,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Users_CustomerId_SortKey",
                table: "Users",
                columns: new[] { "CustomerId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Repos_CustomerId_SortKey",
                table: "Repos",
                columns: new[] { "CustomerId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SortKey",
                table: "Customers",
                column: "SortKey");

            migrationBuilder.CreateIndex(
                name: "IX_ComputeEnvironments_CustomerId_SortKey",
                table: "ComputeEnvironments",
                columns: new[] { "CustomerId", "SortKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_CustomerId_SortKey",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Repos_CustomerId_SortKey",
                table: "Repos");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SortKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_ComputeEnvironments_CustomerId_SortKey",
                table: "ComputeEnvironments");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "Repos");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "ComputeEnvironments");
        }
    }
}
