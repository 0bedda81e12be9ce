using Microsoft.AspNetCore.Identity;

namespace DataTricks.Domain.Users;

/// <summary>Runs Identity's password policy ahead of any write, so a weak password changes nothing.</summary>
public static class PasswordCheck
{
    public static async Task<string[]> ProblemsAsync(UserManager<User> users, User user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return ["A password is required."];
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }
        return [.. problems];
    }
}
