namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// Whether Stryker is running the tests (<c>./mutation.sh</c> sets the variable): it reruns the tests that reach a
/// mutant once per mutant, so a test of scale rather than of a rule is left out there.
/// </summary>
public static class MutationRun
{
    public static bool IsActive => Environment.GetEnvironmentVariable("DATATRICKS_MUTATION_RUN") == "1";
}
