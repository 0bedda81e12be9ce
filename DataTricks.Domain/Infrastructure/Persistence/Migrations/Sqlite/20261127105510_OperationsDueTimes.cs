using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OperationsDueTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Operations_Status_LeaseExpiresAt",
                table: "Operations");

            migrationBuilder.AddColumn<long>(
                name: "CallBegunAt",
                table: "Operations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DueAt",
                table: "Operations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "TargetMaxWorkers",
                table: "Operations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TargetMinWorkers",
                table: "Operations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Operations_Status_DueAt",
                table: "Operations",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Operations_Status_DueAt",
                table: "Operations");

            migrationBuilder.DropColumn(
                name: "CallBegunAt",
                table: "Operations");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Operations");

            migrationBuilder.DropColumn(
                name: "TargetMaxWorkers",
                table: "Operations");

            migrationBuilder.DropColumn(
                name: "TargetMinWorkers",
                table: "Operations");

            migrationBuilder.CreateIndex(
                name: "IX_Operations_Status_LeaseExpiresAt",
                table: "Operations",
                columns: new[] { "Status", "LeaseExpiresAt" });
        }
    }
}
