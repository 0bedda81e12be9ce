using DataTricks.Domain.Common;
using DataTricks.Domain.Webhooks;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public sealed record WebhookEndpointListResponse(IReadOnlyList<WebhookEndpointView> Items);

/// <summary>A test event on its way: its delivery appears in the endpoint's deliveries within a second.</summary>
public sealed record WebhookTestResponse(Guid EventId);

public static class WebhookApiEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.TenantAdmin);

        webhooks.MapGet("/", ListAsync)
            .WithName("ListWebhookEndpoints")
            .WithSummary("The customer's webhook endpoints, oldest first, with their health")
            .WithDescription("Admins only (support staff acting in the customer may read). Never the secrets.")
            .ProducesProblems(StatusCodes.Status403Forbidden);

        webhooks.MapPost("/", CreateAsync)
            .Idempotent()
            .WithName("CreateWebhookEndpoint")
            .WithSummary("Add an endpoint that events are posted to")
            .WithDescription("url is https on a public address (loopback, private and link-local addresses are refused); eventTypes names the events it wants. " +
                "The signing secret (whsec_…) is in this answer only. At most 20 endpoints per customer.")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "The new endpoint.", HeaderKind.Uri)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        webhooks.MapGet("/{id:guid}", GetAsync)
            .WithName("GetWebhookEndpoint")
            .WithSummary("One webhook endpoint and its health")
            .WithDescription("Health: when it last answered 2xx, and its failures since. Never the secret.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        webhooks.MapPatch("/{id:guid}", UpdateAsync)
            .WithName("UpdateWebhookEndpoint")
            .WithSummary("Change an endpoint's URL, description or event types, or enable or disable it")
            .WithDescription("Send only the fields to change. Enabling a disabled endpoint sends the deliveries that waited for it.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        webhooks.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteWebhookEndpoint")
            .WithSummary("Delete an endpoint and its delivery log")
            .WithDescription("Deliveries still waiting are dropped; nothing more is posted to it.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/rotate-secret", RotateSecretAsync)
            .Idempotent()
            .WithName("RotateWebhookSecret")
            .WithSummary("Give the endpoint a new signing secret")
            .WithDescription("The new secret is in this answer only. For 24 hours deliveries carry a signature with each secret, so the receiver can switch without losing any.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/test", SendTestAsync)
            .Idempotent()
            .WithName("SendWebhookTest")
            .WithSummary("Send a webhook.test event to this endpoint alone")
            .WithDescription("Its delivery appears in the endpoint's deliveries within a second. 409 while the endpoint is disabled.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        webhooks.MapGet("/{id:guid}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("The endpoint's deliveries, newest first, each with its latest attempt")
            .WithDescription("q matches an event type (\"environment.\") or is an event or delivery id; status filters. Follow nextPageToken for older ones. Kept 30 days.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        webhooks.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", DeliveryAsync)
            .WithName("GetWebhookDelivery")
            .WithSummary("One delivery with all its attempts, newest first")
            .WithDescription("Each attempt: when, the status answered (or why there was none), how long it took, and the first 1 KB of the answer.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverAsync)
            .Idempotent()
            .WithName("RedeliverWebhook")
            .WithSummary("Attempt a delivery once more, now")
            .WithDescription("Whatever became of it (delivered, given up, waiting to retry). The receiver gets the same webhook-id, so it can tell a redelivery. 409 while the endpoint is disabled.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<WebhookEndpointListResponse>, ProblemHttpResult>> ListAsync(WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.ListAsync(cancellationToken)).ToHttpResult(endpoints => TypedResults.Ok(new WebhookEndpointListResponse(endpoints)));

    private static async Task<Results<Created<CreatedWebhookEndpoint>, ProblemHttpResult>> CreateAsync(
        CreateWebhookEndpointRequest request, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.CreateAsync(request, cancellationToken)).ToHttpResult(created => TypedResults.Created($"/api/v1/webhooks/{created.Endpoint.Id}", created));

    private static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> GetAsync(Guid id, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.GetAsync(id, cancellationToken)).ToHttpResult(TypedResults.Ok);

    private static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateWebhookEndpointRequest request, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.UpdateAsync(id, request, cancellationToken)).ToHttpResult(TypedResults.Ok);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.DeleteAsync(id, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    private static async Task<Results<Ok<RotatedWebhookSecret>, ProblemHttpResult>> RotateSecretAsync(Guid id, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.RotateSecretAsync(id, cancellationToken)).ToHttpResult(TypedResults.Ok);

    private static async Task<Results<Accepted<WebhookTestResponse>, ProblemHttpResult>> SendTestAsync(Guid id, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.SendTestAsync(id, cancellationToken)).ToHttpResult(eventId => TypedResults.Accepted((string?)null, new WebhookTestResponse(eventId)));

    private static async Task<Results<Ok<Page<WebhookDeliveryView>>, ProblemHttpResult>> DeliveriesAsync(
        Guid id, string? q, WebhookDeliveryStatus? status, [AsParameters] PageRequest page, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.DeliveriesAsync(id, new WebhookDeliveryFilter(q, status), page.PageToken, page.PageSize, cancellationToken)).ToHttpResult(TypedResults.Ok);

    private static async Task<Results<Ok<WebhookDeliveryDetail>, ProblemHttpResult>> DeliveryAsync(
        Guid id, Guid deliveryId, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.DeliveryAsync(id, deliveryId, cancellationToken)).ToHttpResult(TypedResults.Ok);

    private static async Task<Results<Accepted<WebhookDeliveryView>, ProblemHttpResult>> RedeliverAsync(
        Guid id, Guid deliveryId, WebhookEndpointService service, CancellationToken cancellationToken) =>
        (await service.RedeliverAsync(id, deliveryId, cancellationToken)).ToHttpResult(delivery => TypedResults.Accepted((string?)null, delivery));
}
