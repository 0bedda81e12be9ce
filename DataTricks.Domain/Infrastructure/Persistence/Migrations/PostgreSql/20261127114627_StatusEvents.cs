using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class StatusEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatusEvents",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvironmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MinWorkers = table.Column<int>(type: "integer", nullable: false),
                    MaxWorkers = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StatusMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OperationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Origin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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

            // Wakes every node's tailer as soon as the transaction that wrote an event commits.
            migrationBuilder.Sql("""
                CREATE FUNCTION datatricks_status_notify() RETURNS trigger AS $$
                BEGIN
                    PERFORM pg_notify('datatricks_status', NEW."Sequence"::text);
                    RETURN NEW;
                END
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER "StatusEvents_notify" AFTER INSERT ON "StatusEvents" FOR EACH ROW EXECUTE FUNCTION datatricks_status_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "StatusEvents_notify" ON "StatusEvents"; DROP FUNCTION datatricks_status_notify();""");

            migrationBuilder.DropTable(
                name: "StatusEvents");
        }
    }
}
