using System.Text.Json.Nodes;
using DataTricks.Domain.Events;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataTricks.Portal.Api.OpenApi;

/// <summary>
/// The document's <c>webhooks</c> (OpenAPI 3.1): one per event type, the envelope every delivery and feed item has
/// with the type's own <c>data</c>, from <see cref="EventTypes"/>, so a generated client gets a type per event.
/// </summary>
internal static class EventWebhooks
{
    public static async Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var eventType in EventTypes.Subscribable.Append(EventTypes.Test))
        {
            var dataName = eventType.DataType.Name;
            if (!document.Components.Schemas.ContainsKey(dataName))
                document.Components.Schemas[dataName] = await context.GetOrCreateSchemaAsync(eventType.DataType, cancellationToken: cancellationToken);
            var envelopeName = EnvelopeName(eventType.Name);
            document.Components.Schemas[envelopeName] = Envelope(eventType, new OpenApiSchemaReference(dataName, document));
            document.Webhooks[eventType.Name] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = "On" + envelopeName,
                        Summary = eventType.Description,
                        Description = "Posted to every enabled endpoint subscribed to this type, with the headers webhook-id (the event's id: dedupe by it), " +
                            "webhook-timestamp and webhook-signature (Standard Webhooks). Answer 2xx within 10 s; anything else is retried for about 3 days; 410 Gone disables the endpoint.",
                        Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(envelopeName, document) } },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["2XX"] = new OpenApiResponse { Description = "Received; the delivery is done." },
                            ["410"] = new OpenApiResponse { Description = "The endpoint is gone: DataTricks disables it and sends nothing more." },
                        },
                    },
                },
            };
        }
    }

    /// <summary>"environment.created" → "EnvironmentCreatedEvent".</summary>
    private static string EnvelopeName(string eventType) =>
        string.Concat(eventType.Split('.', '_').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + "Event";

    private static OpenApiSchema Envelope(EventType eventType, IOpenApiSchema data) => new()
    {
        Type = JsonSchemaType.Object,
        Description = eventType.Description,
        Required = new HashSet<string> { "id", "type", "occurredAt", "customerId", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The event's id, also in webhook-id; the same on every attempt and redelivery." },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = eventType.Name, Enum = [JsonValue.Create(eventType.Name)!] },
            ["occurredAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            ["customerId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            ["data"] = data,
        },
    };
}
