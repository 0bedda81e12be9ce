using Bunit;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Repos;
using DataTricks.Portal.Components.Pages.Repos;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

public sealed class RepoDialogTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moving_a_repo_to_another_environment_says_so_and_moves_it_on_the_second_save()
    {
        var environments = Services.GetRequiredService<ComputeEnvironmentService>();
        var from = (await environments.CreateAsync(new CreateEnvironmentRequest("from-env", "Aws", "us-east-1", null, 1, 2), null, Ct)).Value!.Environment;
        var to = (await environments.CreateAsync(new CreateEnvironmentRequest("to-env", "Aws", "us-east-1", null, 1, 2), null, Ct)).Value!.Environment;
        var repos = Services.GetRequiredService<RepoService>();
        var repo = (await repos.CreateAsync(new CreateRepoRequest("Moving", null, from.Id), Ct)).Value!;
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>()
            .ShowAsync<RepoDialog>("Edit", new DialogParameters<RepoDialog> { { d => d.Repo, repo } }));
        var dialog = provider.WaitForComponent<RepoDialog>();
        var picker = dialog.FindComponent<MudAutocomplete<BindableEnvironment>>();
        // What typing "to-" offers: the environments the database finds by name.
        var offered = picker.Instance.SearchFunc?.Invoke("to-", Ct);
        Assert.NotNull(offered);
        var choices = await offered;
        await dialog.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(Assert.Single(choices)));

        provider.Find("#save-repo").Click();

        provider.WaitForAssertion(() => Assert.Contains("will run on to-env instead of from-env", provider.Find("#confirm-rebind").TextContent));
        Assert.Equal(from.Id, (await repos.GetAsync(repo.Id, Ct)).Value!.ComputeEnvironmentId);

        provider.Find("#save-repo").Click();

        await provider.WaitForAssertionAsync(async () => Assert.Equal(to.Id, (await repos.GetAsync(repo.Id, Ct)).Value!.ComputeEnvironmentId));
    }
}
