using MudBlazor;

namespace DataTricks.Portal.Components.Layout;

/// <summary>
/// The portal's colours; system fonts only, since the portal must not depend on a font CDN. Every colour meets WCAG AA
/// (4.5:1) both as text on the page and behind its contrast text on a filled chip or button: in light mode dark tones
/// with white text, in dark mode light tones with near-black text. The accessibility tests hold this.
/// </summary>
public static class PortalTheme
{
    private const string NearBlack = "#101418";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1E5AA8",
            Secondary = "#B23A16",
            AppbarBackground = "#1E5AA8",
            Success = "#1B6B24",
            Error = "#B71C1C",
            Warning = "#8A4B00",
            Info = "#01579B",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6EA8FE",
            PrimaryContrastText = NearBlack,
            Secondary = "#FF8A65",
            SecondaryContrastText = NearBlack,
            Success = "#81C784",
            SuccessContrastText = NearBlack,
            Error = "#F28B82",
            ErrorContrastText = NearBlack,
            Warning = "#FFB74D",
            WarningContrastText = NearBlack,
            Info = "#81D4FA",
            InfoContrastText = NearBlack,
            // MudBlazor's half-transparent default gives field labels less than 4.5:1 on dark surfaces.
            TextSecondary = "rgba(255,255,255,0.72)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
