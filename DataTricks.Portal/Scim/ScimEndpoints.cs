using DataTricks.Domain.Scim;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Scim;

/// <summary>
/// SCIM 2.0 (RFC 7644) at <c>/scim/v2</c>, for the directory of the customer whose SCIM token calls it. SCIM is its own
/// contract, described by its discovery endpoints, so these routes stay out of the API's OpenAPI document.
/// </summary>
public static class ScimEndpoints
{
    public const string Policy = "ScimDirectory";

    public static WebApplication MapScimEndpoints(this WebApplication app)
    {
        var scim = app.MapGroup("/scim/v2").RequireAuthorization(Policy).ExcludeFromDescription().DisableAntiforgery();

        scim.MapGet("/ServiceProviderConfig", (HttpContext http) => ScimHttp.Json(http, ScimDiscovery.ServiceProviderConfig()));
        scim.MapGet("/ResourceTypes", (HttpContext http) => ScimHttp.Json(http, ScimDiscovery.ResourceTypes()));
        scim.MapGet("/ResourceTypes/{name}", (string name, HttpContext http) =>
            ScimHttp.Json(http, ScimDiscovery.ResourceType(name) ?? throw ScimException.NotFound($"Resource type {name}")));
        scim.MapGet("/Schemas", (HttpContext http) => ScimHttp.Json(http, ScimDiscovery.Schemas()));
        scim.MapGet("/Schemas/{id}", (string id, HttpContext http) =>
            ScimHttp.Json(http, ScimDiscovery.Schema(id) ?? throw ScimException.NotFound($"Schema {id}")));

        scim.MapGet("/Users", ListUsersAsync);
        scim.MapPost("/Users", CreateUserAsync);
        scim.MapGet("/Users/{id}", GetUserAsync);
        scim.MapPut("/Users/{id}", ReplaceUserAsync);
        scim.MapPatch("/Users/{id}", PatchUserAsync);
        scim.MapDelete("/Users/{id}", DeleteUserAsync);

        scim.MapGet("/Groups", ListGroupsAsync);
        scim.MapPost("/Groups", CreateGroupAsync);
        scim.MapGet("/Groups/{id}", GetGroupAsync);
        scim.MapPut("/Groups/{id}", ReplaceGroupAsync);
        scim.MapPatch("/Groups/{id}", PatchGroupAsync);
        scim.MapDelete("/Groups/{id}", DeleteGroupAsync);
        return app;
    }

    /// <summary>The query of a listing or a read: SCIM's names, as directories send them.</summary>
    public sealed class ScimQuery
    {
        [FromQuery(Name = "filter")] public string? Filter { get; init; }
        [FromQuery(Name = "startIndex")] public string? StartIndex { get; init; }
        [FromQuery(Name = "count")] public string? Count { get; init; }
        [FromQuery(Name = "attributes")] public string? Attributes { get; init; }
        [FromQuery(Name = "excludedAttributes")] public string? ExcludedAttributes { get; init; }

        public int? Start => Number(StartIndex, "startIndex");
        public int? Size => Number(Count, "count");

        public ScimProjection Projection(IReadOnlySet<string> known) => ScimProjection.Parse(Attributes, ExcludedAttributes, known);

        // Read by hand: a bad number is a SCIM error, not the framework's 400 page.
        private static int? Number(string? text, string name) =>
            text is null ? null
            : int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number
            : throw ScimException.InvalidValue($"'{name}' must be a whole number.");
    }

    private static async Task<IResult> ListUsersAsync([AsParameters] ScimQuery query, ScimUserService users, HttpContext http, CancellationToken cancellationToken)
    {
        var projection = query.Projection(ScimUserResource.Attributes);
        var list = await users.ListAsync(query.Filter, query.Start, query.Size, cancellationToken);
        return ScimHttp.Json(http, (list with { Resources = [.. list.Resources.Select(projection.Apply)] }).ToJson());
    }

    private static async Task<IResult> GetUserAsync(string id, [AsParameters] ScimQuery query, ScimUserService users, HttpContext http, CancellationToken cancellationToken) =>
        ScimHttp.Json(http, query.Projection(ScimUserResource.Attributes).Apply(await users.GetAsync(IdOf(id, "User"), cancellationToken)));

    private static async Task<IResult> CreateUserAsync(ScimUserService users, HttpContext http, CancellationToken cancellationToken) =>
        ScimHttp.Json(http, await users.CreateAsync(await ScimHttp.ReadBodyAsync(http.Request, cancellationToken), cancellationToken), StatusCodes.Status201Created);

    private static async Task<IResult> ReplaceUserAsync(string id, ScimUserService users, HttpContext http, CancellationToken cancellationToken) =>
        ScimHttp.Json(http, await users.ReplaceAsync(IdOf(id, "User"), await ScimHttp.ReadBodyAsync(http.Request, cancellationToken), IfMatch(http), cancellationToken));

    private static async Task<IResult> PatchUserAsync(string id, ScimUserService users, HttpContext http, CancellationToken cancellationToken) =>
        ScimHttp.Json(http, await users.PatchAsync(IdOf(id, "User"), await ScimHttp.ReadBodyAsync(http.Request, cancellationToken), IfMatch(http), cancellationToken));

    private static async Task<IResult> DeleteUserAsync(string id, ScimUserService users, HttpContext http, CancellationToken cancellationToken)
    {
        await users.DeleteAsync(IdOf(id, "User"), IfMatch(http), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ListGroupsAsync([AsParameters] ScimQuery query, ScimGroupService groups, HttpContext http, CancellationToken cancellationToken)
    {
        var projection = query.Projection(ScimGroupResource.Attributes);
        var list = await groups.ListAsync(query.Filter, query.Start, query.Size, projection.Includes("members"), cancellationToken);
        return ScimHttp.Json(http, (list with { Resources = [.. list.Resources.Select(projection.Apply)] }).ToJson());
    }

    private static async Task<IResult> GetGroupAsync(string id, [AsParameters] ScimQuery query, ScimGroupService groups, HttpContext http, CancellationToken cancellationToken)
    {
        var projection = query.Projection(ScimGroupResource.Attributes);
        return ScimHttp.Json(http, projection.Apply(await groups.GetAsync(IdOf(id, "Group"), projection.Includes("members"), cancellationToken)));
    }

    private static async Task<IResult> CreateGroupAsync(ScimGroupService groups, HttpContext http, CancellationToken cancellationToken) =>
        ScimHttp.Json(http, await groups.CreateAsync(await ScimHttp.ReadBodyAsync(http.Request, cancellationToken), cancellationToken), StatusCodes.Status201Created);

    private static async Task<IResult> ReplaceGroupAsync(string id, ScimGroupService groups, HttpContext http, CancellationToken cancellationToken) =>
        ScimHttp.Json(http, await groups.ReplaceAsync(IdOf(id, "Group"), await ScimHttp.ReadBodyAsync(http.Request, cancellationToken), IfMatch(http), cancellationToken));

    private static async Task<IResult> PatchGroupAsync(string id, ScimGroupService groups, HttpContext http, CancellationToken cancellationToken) =>
        ScimHttp.Json(http, await groups.PatchAsync(IdOf(id, "Group"), await ScimHttp.ReadBodyAsync(http.Request, cancellationToken), IfMatch(http), cancellationToken));

    private static async Task<IResult> DeleteGroupAsync(string id, ScimGroupService groups, HttpContext http, CancellationToken cancellationToken)
    {
        await groups.DeleteAsync(IdOf(id, "Group"), IfMatch(http), cancellationToken);
        return Results.NoContent();
    }

    /// <summary>An id that is not one of ours names nothing: 404, as an unknown one.</summary>
    private static Guid IdOf(string id, string resource) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw ScimException.NotFound($"{resource} {id}");

    private static string? IfMatch(HttpContext http) => http.Request.Headers.IfMatch is { Count: > 0 } values ? values.ToString() : null;
}
