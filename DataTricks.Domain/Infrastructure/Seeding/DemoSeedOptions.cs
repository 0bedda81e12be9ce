namespace DataTricks.Domain.Infrastructure.Seeding;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class DemoSeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>The password of every demo user; the README lists it.</summary>
    public const string DemoPassword = "Demo-Passw0rd!";

    public bool Demo { get; set; }
}
