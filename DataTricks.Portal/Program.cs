using DataTricks.Domain;
using DataTricks.Portal.Components;
using DataTricks.Portal.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDataTricksDomain(builder.Configuration);
builder.Services.AddDataTricksPortal();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
