using DataTricks.Domain;
using DataTricks.Portal.Api;
using DataTricks.Portal.Components;
using DataTricks.Portal.Components.Account;
using DataTricks.Portal.Components.Pages.Audit;
using DataTricks.Portal.Hosting;
using DataTricks.Portal.Scim;
using DataTricks.Portal.SingleSignOn;
using DataTricks.Portal.CloudSimulator;
using Scalar.AspNetCore;

if (args.Contains(SimulatedCloudService.Switch))
{
    await SimulatedCloudService.Build(args).RunAsync();
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDataTricksDomain(builder.Configuration);
builder.Services.AddDataTricksSecurity(builder.Configuration, builder.Environment);
builder.Services.AddDataTricksApi();
builder.Services.AddDataTricksPortal();

var app = builder.Build();

app.UseDataTricksPipeline();
app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapDataTricksApi();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapAccountEndpoints();
app.MapSsoSignInEndpoints();
app.MapScimEndpoints();
app.MapAuditCsvExport();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.InitializeDatabaseAsync();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
