using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace DataTricks.Domain.Users;

/// <summary>Identity's refusals as service failures: a taken e-mail is a conflict, anything else a field error.</summary>
public static class IdentityFailures
{
    public static Failure EmailTaken => Failure.Conflict(ProblemCodes.EmailTaken, "This customer already has a user with this e-mail.");

    public static Failure From(IdentityResult result, string field) =>
        result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
            ? EmailTaken
            : Failure.Invalid(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
}
