using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// Tests sign up and sign in thousands of times, and each hash at the production cost (100,000 PBKDF2 rounds) takes
/// tens of milliseconds: most of a race test's time, and of a mutation run's. The rounds are stored with each hash, so
/// nothing else changes; the production cost is checked by <c>PortalStartupTests</c>.
/// </summary>
internal static class FastPasswordHashing
{
    public const int Rounds = 1_000;

    public static IServiceCollection UseFastPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = Rounds);
}
