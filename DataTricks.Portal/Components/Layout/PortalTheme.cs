using MudBlazor;

namespace DataTricks.Portal.Components.Layout;

/// <summary>The portal's colours; system fonts only, since the portal must not depend on a font CDN.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1E5AA8", Secondary = "#E4572E", AppbarBackground = "#1E5AA8" },
        PaletteDark = new PaletteDark { Primary = "#6EA8FE", Secondary = "#FF8A65" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
