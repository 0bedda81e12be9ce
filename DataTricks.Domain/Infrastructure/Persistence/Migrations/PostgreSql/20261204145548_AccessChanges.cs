using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AccessChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessChanges",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Origin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessChanges", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessChanges_At",
                table: "AccessChanges",
                column: "At");

            // Wakes every node's tailer, on the status events' channel, as soon as the transaction that wrote a change commits.
            migrationBuilder.Sql("""CREATE TRIGGER "AccessChanges_notify" AFTER INSERT ON "AccessChanges" FOR EACH ROW EXECUTE FUNCTION datatricks_status_notify();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AccessChanges_notify" ON "AccessChanges";""");
            migrationBuilder.DropTable(
                name: "AccessChanges");
        }
    }
}
