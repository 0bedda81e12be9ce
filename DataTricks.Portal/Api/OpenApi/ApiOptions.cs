namespace DataTricks.Portal.Api.OpenApi;

/// <summary>Section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The address clients reach the API at, as the OpenAPI document's server: never taken from a request's Host.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5039");
}
