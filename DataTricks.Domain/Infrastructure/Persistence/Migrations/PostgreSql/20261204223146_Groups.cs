using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataTricks.Domain.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Groups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortKey = table.Column<string>(type: "character varying(202)", maxLength: 202, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Groups", x => x.Id);
                    table.UniqueConstraint("AK_Groups_CustomerId_Id", x => new { x.CustomerId, x.Id });
                    table.ForeignKey(
                        name: "FK_Groups_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupMembers",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMembers", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_GroupMembers_Groups_CustomerId_GroupId",
                        columns: x => new { x.CustomerId, x.GroupId },
                        principalTable: "Groups",
                        principalColumns: new[] { "CustomerId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupMembers_Users_CustomerId_UserId",
                        columns: x => new { x.CustomerId, x.UserId },
                        principalTable: "Users",
                        principalColumns: new[] { "CustomerId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RepoGroupGrants",
                columns: table => new
                {
                    RepoId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepoGroupGrants", x => new { x.RepoId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_RepoGroupGrants_Groups_CustomerId_GroupId",
                        columns: x => new { x.CustomerId, x.GroupId },
                        principalTable: "Groups",
                        principalColumns: new[] { "CustomerId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RepoGroupGrants_Repos_CustomerId_RepoId",
                        columns: x => new { x.CustomerId, x.RepoId },
                        principalTable: "Repos",
                        principalColumns: new[] { "CustomerId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_CustomerId_GroupId",
                table: "GroupMembers",
                columns: new[] { "CustomerId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_CustomerId_UserId",
                table: "GroupMembers",
                columns: new[] { "CustomerId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_CustomerId_NormalizedName",
                table: "Groups",
                columns: new[] { "CustomerId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Groups_CustomerId_SortKey",
                table: "Groups",
                columns: new[] { "CustomerId", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_RepoGroupGrants_CustomerId_GroupId",
                table: "RepoGroupGrants",
                columns: new[] { "CustomerId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_RepoGroupGrants_CustomerId_RepoId",
                table: "RepoGroupGrants",
                columns: new[] { "CustomerId", "RepoId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GroupMembers");

            migrationBuilder.DropTable(
                name: "RepoGroupGrants");

            migrationBuilder.DropTable(
                name: "Groups");
        }
    }
}
