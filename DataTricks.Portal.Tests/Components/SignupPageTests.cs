using Bunit;
using DataTricks.Portal.Components.Pages.Signup;
using DataTricks.Portal.Security;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Components;

/// <summary>The sign-up page submits over its circuit, past the HTTP rate limiter, so it applies the per-address limit itself.</summary>
public sealed class SignupPageTests : ComponentTest
{
    public SignupPageTests()
    {
        Services.AddOptions<RateLimitingOptions>().Configure(options => options.SignInPerAddress = 2);
        Services.AddSingleton<SignInThrottle>();
        Services.AddScoped<CircuitClient>();
    }

    [Fact]
    public void Attempts_beyond_the_address_limit_are_refused_with_a_wait()
    {
        var page = Render<Signup>();
        page.Find("#customer-name").Change("Throttled Co");
        page.Find("#admin-email").Change("not-an-email");

        page.Find("#create-account").Click();
        page.WaitForAssertion(() => Assert.Contains("valid e-mail", page.Markup));
        page.Find("#create-account").Click();
        page.WaitForAssertion(() => Assert.Contains("valid e-mail", page.Markup));
        page.Find("#create-account").Click();

        page.WaitForAssertion(() => Assert.Contains("Too many sign-up attempts", page.Find("#signup-error").TextContent));
    }

    [Fact]
    public void A_second_invalid_password_is_refused_as_visibly_as_the_first()
    {
        var page = Render<Signup>();
        page.Find("#customer-name").Change("Second Try Co");
        page.Find("#admin-email").Change("second@try.test");
        page.Find("#admin-password").Change("weak");
        page.Find("#create-account").Click();
        page.WaitForAssertion(() => Assert.Contains("mud-input-error", page.Find("#admin-password").ParentElement!.ParentElement!.OuterHtml));

        page.Find("#admin-password").Change("weaker");
        page.Find("#create-account").Click();

        page.WaitForAssertion(() => Assert.Contains("mud-input-error", page.Find("#admin-password").ParentElement!.ParentElement!.OuterHtml));
    }
}
