using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SingleSignOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SsoConnections",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DefaultRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AllowJustInTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequireSso = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SsoConnections", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_SsoConnections_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SsoLinks",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SsoLinks", x => new { x.CustomerId, x.Issuer, x.Subject });
                    table.ForeignKey(
                        name: "FK_SsoLinks_Users_CustomerId_UserId",
                        columns: x => new { x.CustomerId, x.UserId },
                        principalTable: "Users",
                        principalColumns: new[] { "CustomerId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SsoBreakGlassAdmins",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SsoBreakGlassAdmins", x => new { x.CustomerId, x.UserId });
                    table.ForeignKey(
                        name: "FK_SsoBreakGlassAdmins_SsoConnections_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "SsoConnections",
                        principalColumn: "CustomerId",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SsoBreakGlassAdmins_Users_CustomerId_UserId",
                        columns: x => new { x.CustomerId, x.UserId },
                        principalTable: "Users",
                        principalColumns: new[] { "CustomerId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SsoDomains",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SsoDomains", x => x.Name);
                    table.ForeignKey(
                        name: "FK_SsoDomains_SsoConnections_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "SsoConnections",
                        principalColumn: "CustomerId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SsoDomains_CustomerId",
                table: "SsoDomains",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_SsoLinks_CustomerId_UserId",
                table: "SsoLinks",
                columns: new[] { "CustomerId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SsoBreakGlassAdmins");

            migrationBuilder.DropTable(
                name: "SsoDomains");

            migrationBuilder.DropTable(
                name: "SsoLinks");

            migrationBuilder.DropTable(
                name: "SsoConnections");
        }
    }
}
