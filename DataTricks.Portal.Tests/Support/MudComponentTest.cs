using Bunit;
using DataTricks.Portal.Hosting;

namespace DataTricks.Portal.Tests.Support;

/// <summary>bUnit with the portal's component services and no database: for components that only render what they are given.</summary>
public abstract class MudComponentTest : BunitContext
{
    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddPortalComponentServices();
    }
}
