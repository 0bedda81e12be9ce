namespace DataTricks.E2E.Support;

public sealed partial class PortalProcess
{
    static partial void ReportStop(string text) => TestContext.Current.TestOutputHelper?.WriteLine(text);
}
