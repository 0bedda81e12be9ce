using System.ComponentModel.DataAnnotations;

namespace DataTricks.Portal.Components.Account.Pages;

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your e-mail.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }

    /// <summary>Asked for only when the e-mail and password open accounts in several customers.</summary>
    public Guid? CustomerId { get; set; }
}
