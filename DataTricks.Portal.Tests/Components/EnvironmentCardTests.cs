using Bunit;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Components.Pages.Environments;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

public sealed class EnvironmentCardTests : ComponentTest
{
    private static readonly DateTimeOffset Created = DateTimeOffset.UtcNow.AddMinutes(-3);

    private static EnvironmentView View(ComputeEnvironmentStatus status, ProvisioningStep? step = null, string? message = null) =>
        new(Guid.NewGuid(), "card-env", CloudProvider.Azure, "westeurope", "Standard_DS3_v2", 1, 4, status, message,
            Created, Created, status == ComputeEnvironmentStatus.Ready ? Created.AddMinutes(2) : null, Guid.NewGuid(), 2, 1, step);

    [Theory]
    [InlineData(ComputeEnvironmentStatus.Pending, null, "waiting,waiting,waiting,waiting")]
    [InlineData(ComputeEnvironmentStatus.Provisioning, ProvisioningStep.CreateCluster, "done,done,running,waiting")]
    [InlineData(ComputeEnvironmentStatus.Ready, ProvisioningStep.VerifyReady, "done,done,done,done")]
    [InlineData(ComputeEnvironmentStatus.Failed, ProvisioningStep.CreateStorage, "done,failed,waiting,waiting")]
    public void Each_status_renders_its_chip_and_stepper(ComputeEnvironmentStatus status, ProvisioningStep? step, string states)
    {
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment, View(status, step, "the message")));

        Assert.Equal(status.ToString(), card.Find("[data-environment]").GetAttribute("data-status"));
        Assert.Equal(states.Split(','), card.FindAll("[data-step]").Select(s => s.GetAttribute("data-state")));
        Assert.Contains("the message", card.Find(".status-message").TextContent);
        Assert.Contains("2 repos", card.Find(".elapsed").TextContent);
    }

    [Fact]
    public void A_provisioning_card_shows_an_eta_from_the_history_it_is_given_and_none_without()
    {
        var history = ProvisioningEstimate.FromHistory(ProvisioningSteps.Create.Select(s => (s, TimeSpan.FromMinutes(10))));
        var provisioning = View(ComputeEnvironmentStatus.Provisioning, ProvisioningStep.VerifyReady) with { UpdatedAt = DateTimeOffset.UtcNow };

        var withHistory = Render<EnvironmentCard>(p => p.Add(c => c.Environment, provisioning).Add(c => c.Estimate, history));
        var without = Render<EnvironmentCard>(p => p.Add(c => c.Environment, provisioning));

        Assert.Matches(@"^About (9m \d\ds|10m 00s) left$", withHistory.Find(".eta").TextContent);
        Assert.Empty(without.FindAll(".eta"));
    }

    [Fact]
    public void Deleting_shows_progress_instead_of_the_steps()
    {
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment, View(ComputeEnvironmentStatus.Deleting)));

        Assert.Empty(card.FindAll("[data-step]"));
        Assert.Contains("Deleting for", card.Find(".elapsed").TextContent);
    }

    [Fact]
    public void A_published_transition_updates_the_rendered_card_live()
    {
        var view = View(ComputeEnvironmentStatus.Pending);
        Render<MudSnackbarProvider>();
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment, view));
        var notifier = Services.GetRequiredService<EnvironmentChangeNotifier>();
        card.WaitForAssertion(() => Assert.Equal(1, notifier.SubscriberCount(CustomerId)));

        notifier.Publish(Snapshots.Of(view, CustomerId) with { Status = ComputeEnvironmentStatus.Provisioning, StatusMessage = "Creating Spark cluster", OperationId = view.OperationId, CurrentStep = ProvisioningStep.CreateCluster, Attempt = 1, UpdatedAt = DateTimeOffset.UtcNow, Version = 2 });

        card.WaitForAssertion(() => Assert.Equal("Provisioning", card.Find("[data-environment]").GetAttribute("data-status")));
        Assert.Equal("running", card.Find("[data-step=CreateCluster]").GetAttribute("data-state"));
        Assert.Contains("Creating Spark cluster", card.Find(".status-message").TextContent);

        notifier.Publish(Snapshots.Of(view, CustomerId) with { Status = ComputeEnvironmentStatus.Ready, StatusMessage = null, OperationId = view.OperationId, CurrentStep = ProvisioningStep.VerifyReady, Attempt = 1, UpdatedAt = DateTimeOffset.UtcNow, Version = 3 });

        card.WaitForAssertion(() => Assert.Equal("Ready", card.Find("[data-environment]").GetAttribute("data-status")));
    }

    [Fact]
    public void A_change_older_than_the_one_shown_leaves_the_card_alone_whatever_its_clock_says()
    {
        var view = View(ComputeEnvironmentStatus.Pending);
        Render<MudSnackbarProvider>();
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment, view));
        var notifier = Services.GetRequiredService<EnvironmentChangeNotifier>();
        card.WaitForAssertion(() => Assert.Equal(1, notifier.SubscriberCount(CustomerId)));
        notifier.Publish(Snapshots.Of(view, CustomerId) with { Status = ComputeEnvironmentStatus.Ready, StatusMessage = null, OperationId = view.OperationId, CurrentStep = ProvisioningStep.VerifyReady, Attempt = 1, UpdatedAt = Created.AddMinutes(5), Version = 6 });
        card.WaitForAssertion(() => Assert.Equal("Ready", card.Find("[data-environment]").GetAttribute("data-status")));

        // Written earlier by a node whose clock runs ahead, delivered late through the outbox.
        notifier.Publish(Snapshots.Of(view, CustomerId) with { Status = ComputeEnvironmentStatus.Provisioning, StatusMessage = "Creating Spark cluster", OperationId = view.OperationId, CurrentStep = ProvisioningStep.CreateCluster, Attempt = 1, UpdatedAt = Created.AddMinutes(9), Version = 5 });

        Assert.Equal("Ready", card.Find("[data-environment]").GetAttribute("data-status"));
    }

    [Fact]
    public void A_rename_and_a_resize_redraw_the_open_card()
    {
        var view = View(ComputeEnvironmentStatus.Ready, ProvisioningStep.VerifyReady);
        Render<MudSnackbarProvider>();
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment, view));
        var notifier = Services.GetRequiredService<EnvironmentChangeNotifier>();
        card.WaitForAssertion(() => Assert.Equal(1, notifier.SubscriberCount(CustomerId)));

        notifier.Publish(Snapshots.Of(view, CustomerId) with { Name = "renamed-env", MinWorkers = 1, MaxWorkers = 4, Status = ComputeEnvironmentStatus.Resizing, StatusMessage = "Resizing to 2-8 workers", OperationId = Guid.NewGuid(), CurrentStep = ProvisioningStep.Resize, Attempt = 1, UpdatedAt = DateTimeOffset.UtcNow, Version = 2 });
        card.WaitForAssertion(() => Assert.Equal("Resizing", card.Find("[data-environment]").GetAttribute("data-status")));
        Assert.Contains("renamed-env", card.Markup);
        Assert.Contains("Resizing to 2-8 workers", card.Find(".status-message").TextContent);

        notifier.Publish(Snapshots.Of(view, CustomerId) with { Name = "renamed-env", MinWorkers = 2, MaxWorkers = 8, Status = ComputeEnvironmentStatus.Ready, StatusMessage = null, OperationId = Guid.NewGuid(), CurrentStep = ProvisioningStep.Resize, Attempt = 1, UpdatedAt = DateTimeOffset.UtcNow, Version = 3 });
        card.WaitForAssertion(() => Assert.Contains("2–8 workers", card.Markup));
        Assert.Equal("Ready", card.Find("[data-environment]").GetAttribute("data-status"));
    }

    [Fact]
    public void Degraded_renders_its_message_and_a_repair_action()
    {
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment,
            View(ComputeEnvironmentStatus.Degraded, ProvisioningStep.VerifyReady, "The cluster is missing from the cloud. Repair recreates it.")));

        Assert.Equal("Degraded", card.Find("[data-environment]").GetAttribute("data-status"));
        Assert.Contains("The cluster is missing from the cloud", card.Find(".status-message").TextContent);
        Assert.Empty(card.FindAll("[data-step]"));
        Assert.Single(card.FindAll("[data-action=repair]"));
        Assert.Single(card.FindAll("[data-action=delete]"));
    }

    [Fact]
    public void A_transition_of_another_environment_leaves_the_card_alone()
    {
        var view = View(ComputeEnvironmentStatus.Pending);
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment, view));
        var notifier = Services.GetRequiredService<EnvironmentChangeNotifier>();
        card.WaitForAssertion(() => Assert.Equal(1, notifier.SubscriberCount(CustomerId)));

        notifier.Publish(Snapshots.Of(view, CustomerId) with { Id = Guid.NewGuid(), Name = "other", MinWorkers = 1, MaxWorkers = 2, Status = ComputeEnvironmentStatus.Ready, StatusMessage = null, OperationId = null, CurrentStep = null, Attempt = 0, UpdatedAt = DateTimeOffset.UtcNow, Version = 2 });

        Assert.Equal("Pending", card.Find("[data-environment]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task The_card_unsubscribes_when_disposed()
    {
        var card = Render<EnvironmentCard>(p => p.Add(c => c.Environment, View(ComputeEnvironmentStatus.Pending)));
        var notifier = Services.GetRequiredService<EnvironmentChangeNotifier>();
        card.WaitForAssertion(() => Assert.Equal(1, notifier.SubscriberCount(CustomerId)));

        await DisposeComponentsAsync();

        Assert.Equal(0, notifier.SubscriberCount(CustomerId));
    }

    [Fact]
    public async Task The_create_dialog_shows_the_services_field_errors()
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CreateEnvironmentDialog>("New compute environment"));

        provider.Find("#environment-name").Input("1-starts-with-a-digit");
        provider.Find("#environment-max").Input("2000");
        provider.Find("#create-environment").Click();

        provider.WaitForAssertion(() => Assert.Contains(EnvironmentValidation.NameMessage, provider.Markup));
        Assert.Contains("Max workers can be at most 1000.", provider.Markup);
    }
}
