using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace DataTricks.Portal.Security;

/// <summary>
/// Checks an e-mail and password, counting failures towards lockout. The user is found across customers
/// (the e-mail is the login); the failure count is then written in that user's own customer scope.
/// </summary>
public sealed class PasswordSignIn(SignInManager<User> signInManager, UserManager<User> users, ITenantContext tenant)
{
    /// <summary>For the token endpoint: no cookie is issued.</summary>
    public async Task<(SignInResult Result, User? User)> CheckAsync(string? email, string? password)
    {
        var user = await FindAsync(email);
        if (user is null || string.IsNullOrEmpty(password))
            return (SignInResult.Failed, null);
        using var _ = tenant.Use(TenantScope.ForCustomer(user.CustomerId, user.Id));
        var result = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return (result, result.Succeeded ? user : null);
    }

    /// <summary>For the login page: issues the Identity cookie on success.</summary>
    public async Task<SignInResult> SignInAsync(string? email, string? password, bool remember)
    {
        var user = await FindAsync(email);
        if (user is null || string.IsNullOrEmpty(password))
            return SignInResult.Failed;
        using var _ = tenant.Use(TenantScope.ForCustomer(user.CustomerId, user.Id));
        return await signInManager.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
    }

    private async Task<User?> FindAsync(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
}
