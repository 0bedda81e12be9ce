using System.Text.Json.Serialization.Metadata;
using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Scim;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.Users;
using DataTricks.Domain.Webhooks;

namespace DataTricks.Portal.Api;

/// <summary>
/// The fields each request body must carry, in one list that both the JSON reader (a body without one answers 400
/// naming it) and the API document's <c>required</c> follow. Every other field may be left out; PATCH bodies have none.
/// </summary>
public static class RequiredFields
{
    private static readonly Dictionary<Type, string[]> Of = new()
    {
        [typeof(SignupRequest)] = ["customerName", "adminEmail", "adminPassword"],
        [typeof(TokenRequest)] = ["email", "password"],
        [typeof(CreateTokenRequest)] = ["name"],
        [typeof(RenameCustomerRequest)] = ["name"],
        [typeof(GrantSupportAccessRequest)] = ["expiresAt"],
        [typeof(SsoSettingsRequest)] = ["issuer", "clientId", "domains"],
        [typeof(SsoTestRequest)] = ["issuer"],
        [typeof(StartImpersonationRequest)] = ["customerId", "reason"],
        [typeof(CreateEnvironmentRequest)] = ["name", "cloud", "region"],
        [typeof(UpdateEnvironmentRequest)] = [],
        [typeof(CreateUserRequest)] = ["email"],
        [typeof(UpdateUserRequest)] = [],
        [typeof(ResetPasswordRequest)] = [],
        [typeof(CreateRepoRequest)] = ["name", "computeEnvironmentId"],
        [typeof(UpdateRepoRequest)] = [],
        [typeof(CreateGroupRequest)] = ["name"],
        [typeof(UpdateGroupRequest)] = [],
        [typeof(CreateScimTokenRequest)] = ["name"],
        [typeof(CreateWebhookEndpointRequest)] = ["url", "eventTypes"],
        [typeof(UpdateWebhookEndpointRequest)] = [],
    };

    /// <summary>The required fields of a request body type, or null for a type that is not one.</summary>
    public static IReadOnlyCollection<string>? For(Type type) => Of.GetValueOrDefault(type);

    /// <summary>Marks the listed fields required and the rest optional, however the record's constructor reads.</summary>
    public static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || For(info.Type) is not { } required)
            return;
        foreach (var property in info.Properties)
            property.IsRequired = required.Contains(property.Name);
    }
}
