using System.Globalization;
using System.Text.Json.Nodes;
using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Repos;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataTricks.Portal.Api.OpenApi;

/// <summary>
/// The rules the services check, written into the schemas clients generate from: which request fields are required
/// (the rest may be left out, PATCH bodies entirely), closed sets as enums, and the bounds and patterns of values.
/// The services stay the judges; this only describes them.
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var rules = RequiredFields.For(type) is { } required ? Require(schema, required) : new SchemaRules(schema);
        if (type == typeof(CreateEnvironmentRequest))
            rules.EnvironmentName("name").OneOf("cloud", SharedEnums.Values(SharedEnums.CloudProvider)).NodeType().Workers();
        else if (type == typeof(UpdateEnvironmentRequest))
            rules.EnvironmentName("name").Workers();
        else if (type == typeof(CreateRepoRequest) || type == typeof(UpdateRepoRequest))
            rules.MaxLength("name", Repo.NameMaxLength).MaxLength("description", Repo.DescriptionMaxLength);
        else if (type == typeof(CreateUserRequest))
            rules.Email("email").OneOf("role", SharedEnums.Values(SharedEnums.Role)).Password("password");
        else if (type == typeof(UpdateUserRequest))
            rules.OneOf("role", SharedEnums.Values(SharedEnums.Role));
        else if (type == typeof(SignupRequest))
            rules.MaxLength("customerName", Customer.NameMaxLength).Email("adminEmail").Password("adminPassword");
        else if (type == typeof(CreateTokenRequest))
            rules.MaxLength("name", PersonalAccessToken.NameMaxLength).Between("expiresInDays", 1, AccessTokenService.MaxLifetimeDays);
        else if (type == typeof(RenameCustomerRequest))
            rules.MaxLength("name", Customer.NameMaxLength);
        else if (type == typeof(ResetPasswordRequest))
            rules.Password("password");
        else if (type == typeof(SsoSettingsRequest))
            rules.Describe("clientSecret", "Write-only. Required while none is stored; left out or null, the stored one is kept.");
        else if (type == typeof(UserView))
            new SchemaRules(schema).OneOf("role", SharedEnums.Values(SharedEnums.Role));
        else if (type == typeof(OperationView))
            new SchemaRules(schema).OneOf("step", SharedEnums.Values(SharedEnums.ProvisioningStep));
        else if (typeof(ProblemDetails).IsAssignableFrom(type) || type == typeof(EnvironmentConflictProblem) || type == typeof(CustomerRequiredProblem))
            DescribeProblem(schema);
        return Task.CompletedTask;
    }

    /// <summary>Only <paramref name="required"/> must be sent (and not as null); every other field may be left out.</summary>
    private static SchemaRules Require(OpenApiSchema schema, IReadOnlyCollection<string> required)
    {
        schema.Required = new HashSet<string>(required);
        foreach (var name in required)
        {
            if (schema.Properties?.TryGetValue(name, out var property) == true && property is OpenApiSchema concrete && concrete.Type is { } propertyType)
                concrete.Type = propertyType & ~JsonSchemaType.Null;
        }
        return new SchemaRules(schema);
    }

    /// <summary>Every problem carries its stable code and the request id.</summary>
    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties[ProblemTypes.CodeExtension] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. SharedEnums.Values(SharedEnums.ProblemCode).Select(c => (JsonNode)JsonValue.Create(c)!)],
        };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's X-Request-Id, for support." };
        schema.Required = new HashSet<string>(schema.Required ?? new HashSet<string>()) { ProblemTypes.CodeExtension, "traceId" };
    }

    private sealed class SchemaRules(OpenApiSchema schema)
    {
        public SchemaRules EnvironmentName(string name) =>
            Apply(name, p =>
            {
                p.Pattern = "^" + ComputeEnvironmentRules.NamePattern + "$";
                p.MaxLength = ComputeEnvironmentRules.NameMaxLength;
            });

        public SchemaRules NodeType() => Apply("nodeType", p => p.Pattern = "^" + ComputeEnvironmentRules.NodeTypePattern + "$");

        public SchemaRules Workers() =>
            Between("minWorkers", 1, ComputeEnvironmentRules.MaxWorkersLimit).Between("maxWorkers", 1, ComputeEnvironmentRules.MaxWorkersLimit);

        public SchemaRules Between(string name, int minimum, int maximum) =>
            Apply(name, p =>
            {
                p.Minimum = minimum.ToString(CultureInfo.InvariantCulture);
                p.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
            });

        public SchemaRules MaxLength(string name, int maxLength) => Apply(name, p => p.MaxLength = maxLength);

        public SchemaRules Describe(string name, string description) => Apply(name, p => p.Description = description);

        public SchemaRules Email(string name) => Apply(name, p => p.Format = "email");

        public SchemaRules Password(string name) => Apply(name, p => p.MinLength = 10);

        /// <summary>A closed set; a field that may be null lists null among its values, as JSON Schema wants.</summary>
        public SchemaRules OneOf(string name, IEnumerable<string> values) =>
            Apply(name, p => p.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!), .. p.Type?.HasFlag(JsonSchemaType.Null) == true ? [JsonNullSentinel.JsonNull] : Array.Empty<JsonNode>()]);

        private SchemaRules Apply(string name, Action<OpenApiSchema> rule)
        {
            if (schema.Properties?.TryGetValue(name, out var property) == true && property is OpenApiSchema concrete)
                rule(concrete);
            return this;
        }
    }
}
