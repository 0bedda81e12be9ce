using System.ComponentModel.DataAnnotations;

namespace DataTricks.Portal.Components.Account.Pages;

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your e-mail.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail.")]
    public string Email { get; set; } = "";

    /// <summary>Asked for once the e-mail is known not to sign in through a provider, or when the person chose a password.</summary>
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    /// <summary>Set by "Use a password instead": the person signs in with a password though their domain has single sign-on (break-glass admins).</summary>
    public bool UsePassword { get; set; }

    public bool RememberMe { get; set; }

    /// <summary>Asked for only when the e-mail and password open accounts in several customers.</summary>
    public Guid? CustomerId { get; set; }
}
