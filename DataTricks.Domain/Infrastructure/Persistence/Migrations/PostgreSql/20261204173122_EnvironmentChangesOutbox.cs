using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class EnvironmentChangesOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatusEvents");

            migrationBuilder.CreateTable(
                name: "EnvironmentChanges",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Origin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnvironmentChanges", x => x.Sequence);
                    table.ForeignKey(
                        name: "FK_EnvironmentChanges_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EnvironmentChanges_At",
                table: "EnvironmentChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_EnvironmentChanges_CustomerId",
                table: "EnvironmentChanges",
                column: "CustomerId");

            // Nodes LISTEN for new changes instead of polling (the trigger on StatusEvents went with its table).
            migrationBuilder.Sql("""CREATE TRIGGER "EnvironmentChanges_notify" AFTER INSERT ON "EnvironmentChanges" FOR EACH ROW EXECUTE FUNCTION datatricks_status_notify();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnvironmentChanges");

            migrationBuilder.CreateTable(
                name: "StatusEvents",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    MaxWorkers = table.Column<int>(type: "integer", nullable: false),
                    MinWorkers = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OperationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Origin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StatusMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusEvents", x => x.Sequence);
                    table.ForeignKey(
                        name: "FK_StatusEvents_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatusEvents_At",
                table: "StatusEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_StatusEvents_CustomerId",
                table: "StatusEvents",
                column: "CustomerId");

            migrationBuilder.Sql("""CREATE TRIGGER "StatusEvents_notify" AFTER INSERT ON "StatusEvents" FOR EACH ROW EXECUTE FUNCTION datatricks_status_notify();""");
        }
    }
}
