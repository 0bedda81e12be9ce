using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.SqlServer
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CallBegunAt",
                table: "Operations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "Operations",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "TargetMaxWorkers",
                table: "Operations",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TargetMinWorkers",
                table: "Operations",
                type: "int",
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
