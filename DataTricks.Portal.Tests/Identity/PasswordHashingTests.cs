using System.Buffers.Binary;
using DataTricks.Domain;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Identity;

/// <summary>Tests hash cheaply (<see cref="FastPasswordHashing"/>); the product must not.</summary>
public sealed class PasswordHashingTests
{
    private const string Password = "Correct-Horse-9";

    [Fact]
    public void The_product_hashes_passwords_at_identitys_full_cost()
    {
        var hash = Hash(fast: false, out _);

        Assert.Equal(100_000, RoundsOf(hash));
    }

    [Fact]
    public void Test_hashes_take_fewer_rounds_and_still_verify()
    {
        var hash = Hash(fast: true, out var hasher);

        Assert.Equal(FastPasswordHashing.Rounds, RoundsOf(hash));
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new User(), hash, Password));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task No_password_is_refused_before_any_policy_runs(string? password)
    {
        using var database = new TempDatabase();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        await using var provider = new ServiceCollection().AddLogging().AddDataTricksDomain(configuration).BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();

        var problems = await PasswordCheck.ProblemsAsync(scope.ServiceProvider.GetRequiredService<UserManager<User>>(), new User(), password);

        Assert.Equal(["A password is required."], problems);
    }

    private static string Hash(bool fast, out IPasswordHasher<User> hasher)
    {
        using var database = new TempDatabase();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var services = new ServiceCollection().AddLogging().AddDataTricksDomain(configuration);
        if (fast)
            services.UseFastPasswordHashing();
        using var provider = services.BuildServiceProvider();
        hasher = provider.GetRequiredService<IPasswordHasher<User>>();
        return hasher.HashPassword(new User(), Password);
    }

    // Identity's v3 format: a marker byte, the PRF (4 bytes), then the round count, big-endian.
    private static int RoundsOf(string hash) => BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
}
