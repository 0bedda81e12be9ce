using System.Text.Json.Nodes;
using DataTricks.Domain.Common;
using DataTricks.Domain.Users;
using Microsoft.OpenApi;

namespace DataTricks.Portal.Api.OpenApi;

/// <summary>
/// Closed sets that several schemas share, as one named component each: a generated client gets one enum type
/// (ProblemCode, Role…) instead of a copy per property.
/// </summary>
internal static class SharedEnums
{
    public const string ProblemCode = "ProblemCode";
    public const string Role = "Role";
    public const string ProvisioningStep = "ProvisioningStep";
    public const string CloudProvider = "CloudProvider";

    private static readonly (string Name, string Description, IReadOnlyList<string> Values)[] All =
    [
        (ProblemCode, "A problem's stable code (see the API guide).", [.. ProblemCodes.All.Select(c => c.Code)]),
        (Role, "A user's role in the customer.", Roles.OfCustomer),
        (ProvisioningStep, "A step of an operation.", Enum.GetNames<Domain.Provisioning.ProvisioningStep>()),
        (CloudProvider, "A cloud.", Enum.GetNames<Domain.ComputeEnvironments.CloudProvider>()),
    ];

    public static IReadOnlyList<string> Values(string name) => All.Single(e => e.Name == name).Values;

    /// <summary>
    /// Replaces every inline enum of a shared set, in every component schema, by a reference to the set's component
    /// (a nullable one by a oneOf of null and the reference). Done on the finished document: references made while
    /// schemas are generated are inlined again by the generator.
    /// </summary>
    public static void Share(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, description, values) in All)
        {
            document.Components.Schemas[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = description,
                Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)],
            };
        }
        foreach (var (componentName, component) in document.Components.Schemas.ToList())
        {
            if (All.Any(e => e.Name == componentName) || component is not OpenApiSchema { Properties: { } properties })
                continue;
            foreach (var (propertyName, property) in properties.ToList())
            {
                if (property is not OpenApiSchema { Enum.Count: > 0 } inline)
                    continue;
                var set = inline.Enum.Where(v => v is JsonValue && !v.IsJsonNullSentinel()).Select(v => v.GetValue<string>()).ToHashSet();
                if (All.FirstOrDefault(e => set.SetEquals(e.Values)) is not { Name: not null } shared)
                    continue;
                var reference = new OpenApiSchemaReference(shared.Name, document);
                properties[propertyName] = inline.Type?.HasFlag(JsonSchemaType.Null) == true
                    ? new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] }
                    : reference;
            }
        }
    }
}
