namespace DataTricks.E2E.Support;

/// <summary>The checkout the tests run from: the portal's binaries and <c>deploy/</c> are found from it.</summary>
public static class SolutionDirectory
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "DataTricks.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("DataTricks.sln not found above " + AppContext.BaseDirectory);
    }
}
