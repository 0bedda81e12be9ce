using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DataTricks.Portal.Api.OpenApi;

/// <summary>What the document says of the whole API: who it is for, where it is served, its resources and how to authenticate.</summary>
internal sealed class ApiDocumentTransformer(IOptions<ApiOptions> options) : IOpenApiDocumentTransformer
{
    public const string AccessTokenScheme = "AccessToken";
    public const string PersonalAccessTokenScheme = "PersonalAccessToken";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Sign-up", "Create a customer and its first admin."),
        ("Authentication", "Exchange a password for a short-lived access token."),
        ("Access tokens", "Personal access tokens for scripts and tools; each acts with its owner's current role."),
        ("Customer", "The caller's own customer and whether DataTricks support may act in it."),
        ("Users", "The people of the customer, their roles and sessions."),
        ("Repos", "Notebooks, dashboards and ML assets, each bound to one compute environment, and who may use them: members and groups."),
        ("Groups", "Teams of the customer's users: share a repo with a group and everyone in it may use the repo."),
        ("Directory provisioning", "SCIM tokens, with which a company's directory (Okta, Entra ID) provisions users and groups at /scim/v2."),
        ("Compute environments", "Cloud network, storage and Spark compute; created, resized and deleted asynchronously."),
        ("Operations", "Long-running operations on compute environments: follow, wait for, cancel."),
        ("Audit", "What happened in the customer, who did it, and when."),
        ("Webhooks", "Endpoints that the customer's events are posted to, signed (Standard Webhooks), and what became of each delivery."),
        ("Events", "The customer's events as a feed to pull from, for consumers that prefer it to webhooks."),
        ("Support", "For DataTricks staff: customers, and time-boxed impersonation."),
    ];

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var publicBaseUrl = options.Value.PublicBaseUrl;
        document.Info = new OpenApiInfo
        {
            Contact = new OpenApiContact { Name = "DataTricks support", Url = publicBaseUrl },
            Title = "DataTricks Admin API",
            Version = "v1",
            Description = "Manage a DataTricks customer: users, repos, compute environments and their long-running operations. " +
                "Errors are RFC 9457 problem details with a stable `code`; writes of long-running work answer 202 with an `Operation-Location` to follow. " +
                "Every GET also answers HEAD: the same status and headers, no body.",
        };
        document.Servers = [new OpenApiServer { Url = publicBaseUrl.ToString().TrimEnd('/'), Description = "This DataTricks installation" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        // Every GET also answers HEAD (the guide says so): listing each twice would double every generated client.
        foreach (var path in document.Paths.Values.OfType<OpenApiPathItem>())
            path.Operations?.Remove(HttpMethod.Head);
        await EventWebhooks.DescribeAsync(document, context, cancellationToken);
        SharedEnums.Share(document);
        document.Components!.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AccessTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /api/v1/auth/token, valid for an hour.",
        };
        document.Components.SecuritySchemes[PersonalAccessTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "dtp_…",
            Description = "A personal access token (dtp_…) created with POST /api/v1/tokens or in the portal; it acts with its owner's current role.",
        };
        // Either scheme will do; operations open to anyone say so with an empty requirement.
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AccessTokenScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(PersonalAccessTokenScheme, document)] = [] },
        ];
    }
}
