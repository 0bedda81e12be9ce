using DataTricks.Domain.ComputeEnvironments;
using static DataTricks.Domain.ComputeEnvironments.ComputeEnvironmentStatus;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

public sealed class ComputeEnvironmentLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    // Written out from the product rules rather than read from the code, so the test fails if the code drifts.
    private static readonly HashSet<(ComputeEnvironmentStatus, ComputeEnvironmentStatus)> Legal =
    [
        (Pending, Provisioning), (Provisioning, Ready), (Provisioning, Failed), (Failed, Provisioning),
        (Pending, Deleting), (Provisioning, Deleting), (Ready, Deleting), (Failed, Deleting), (Deleting, Deleted),
        (Ready, Resizing), (Resizing, Ready), (Ready, Degraded), (Degraded, Provisioning), (Degraded, Deleting),
    ];

    public static TheoryData<ComputeEnvironmentStatus, ComputeEnvironmentStatus> AllPairs()
    {
        var data = new TheoryData<ComputeEnvironmentStatus, ComputeEnvironmentStatus>();
        foreach (var from in Enum.GetValues<ComputeEnvironmentStatus>())
            foreach (var to in Enum.GetValues<ComputeEnvironmentStatus>().Where(s => s is not Pending && s != from))
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_transitions_of_the_spec_are_allowed(ComputeEnvironmentStatus from, ComputeEnvironmentStatus to)
    {
        var environment = EnvironmentIn(from);

        if (Legal.Contains((from, to)))
        {
            MoveTo(environment, to);
            Assert.Equal(to, environment.Status);
        }
        else
        {
            var error = Assert.Throws<InvalidStatusTransitionException>(() => MoveTo(environment, to));
            Assert.Equal(from, error.From);
            Assert.Equal(from, environment.Status);
        }
    }

    // Written out from the product rules: what a person may ask of an environment in each status.
    private static readonly Dictionary<ComputeEnvironmentStatus, string> ActionsOf = new()
    {
        [Pending] = "rename cancel",
        [Provisioning] = "rename cancel",
        [Ready] = "rename resize delete",
        [Failed] = "rename retry delete",
        [Degraded] = "rename repair delete",
        [Resizing] = "rename",
        [Deleting] = "delete",
        [Deleted] = "",
    };

    private static readonly EnvironmentAction[] EveryAction =
        [EnvironmentAction.Rename, EnvironmentAction.Resize, EnvironmentAction.Retry, EnvironmentAction.Repair, EnvironmentAction.Cancel, EnvironmentAction.Delete];

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Each_status_allows_the_actions_of_the_spec_and_refuses_the_rest_with_a_reason(ComputeEnvironmentStatus status)
    {
        var allowed = EveryAction.Where(a => ComputeEnvironmentLifecycle.Allows(status, a)).Select(a => a.Verb);

        Assert.Equal(ActionsOf[status], string.Join(' ', allowed));
        Assert.All(EveryAction, a => Assert.Equal(ComputeEnvironmentLifecycle.Allows(status, a), ComputeEnvironmentLifecycle.Refusal(status, a) is null));
    }

    public static TheoryData<ComputeEnvironmentStatus> EveryStatus() => new(Enum.GetValues<ComputeEnvironmentStatus>());

    [Theory]
    [InlineData(Pending, "cancel")]
    [InlineData(Provisioning, "cancel")]
    [InlineData(Ready, "delete")]
    [InlineData(Failed, "delete")]
    [InlineData(Degraded, "delete")]
    [InlineData(Resizing, null)]
    [InlineData(Deleting, "delete")]
    public void Removing_an_environment_being_created_cancels_it_and_one_being_resized_waits(ComputeEnvironmentStatus status, string? removal) =>
        Assert.Equal(removal, ComputeEnvironmentLifecycle.Removal(status)?.Verb);

    [Theory]
    [InlineData(Pending, "resize", "Only a Ready environment can be resized; this one is Pending.")]
    [InlineData(Ready, "retry", "Only a Failed environment can be retried; this one is Ready.")]
    [InlineData(Failed, "repair", "Only a Degraded environment can be repaired; this one is Failed.")]
    [InlineData(Provisioning, "resize", "Only a Ready environment can be resized; this one is Provisioning.")]
    [InlineData(Ready, "cancel", "Only a Pending or Provisioning environment can be canceled; this one is Ready.")]
    [InlineData(Resizing, "delete", "The environment is being resized; delete it once the resize has ended.")]
    [InlineData(Deleting, "rename", "The environment is being deleted.")]
    public void A_refusal_says_what_the_action_needs(ComputeEnvironmentStatus status, string verb, string reason) =>
        Assert.Equal(reason, ComputeEnvironmentLifecycle.Refusal(status, EveryAction.Single(a => a.Verb == verb)));

    [Theory]
    [InlineData(Pending, true)]
    [InlineData(Provisioning, true)]
    [InlineData(Resizing, true)]
    [InlineData(Deleting, true)]
    [InlineData(Ready, false)]
    [InlineData(Failed, false)]
    [InlineData(Degraded, false)]
    [InlineData(Deleted, false)]
    public void Only_an_environment_on_its_way_somewhere_is_underway(ComputeEnvironmentStatus status, bool underway) =>
        Assert.Equal(underway, ComputeEnvironmentLifecycle.IsUnderway(status));

    [Fact]
    public void A_new_environment_is_pending_and_each_change_bumps_its_version()
    {
        var environment = NewEnvironment();
        var created = environment.Version;

        environment.MarkProvisioning("Creating network", Now);

        Assert.Equal(Pending, NewEnvironment().Status);
        Assert.True(environment.Version > created);
        Assert.Equal("Creating network", environment.StatusMessage);
    }

    [Fact]
    public void Ready_records_when_and_failed_keeps_the_reason()
    {
        var ready = EnvironmentIn(Ready);
        var failed = EnvironmentIn(Failed);

        Assert.Equal(Now, ready.ReadyAt);
        Assert.Null(ready.StatusMessage);
        Assert.Equal("quota exceeded", failed.StatusMessage);
    }

    [Fact]
    public void A_resize_sets_the_new_size_only_when_it_succeeds()
    {
        var grown = EnvironmentIn(Resizing);
        var failed = EnvironmentIn(Resizing);

        grown.EndResize(3, 8, null, Now);
        failed.EndResize(3, 8, "Quota exceeded.", Now);

        Assert.Equal((Ready, 3, 8, null), (grown.Status, grown.MinWorkers, grown.MaxWorkers, grown.StatusMessage));
        Assert.Equal((Ready, 1, 2), (failed.Status, failed.MinWorkers, failed.MaxWorkers));
        Assert.Equal("Resize failed: Quota exceeded. The environment keeps 1-2 workers.", failed.StatusMessage);
    }

    [Fact]
    public void Degraded_names_what_is_missing()
    {
        Assert.Equal("The cluster is missing from the cloud. Repair recreates it.", EnvironmentIn(Degraded).StatusMessage);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("1prod", false)]
    [InlineData("prod env", false)]
    [InlineData("prod.env", false)]
    [InlineData("p", true)]
    [InlineData("Prod_env-2", true)]
    [InlineData(null, false)]
    public void Names_are_letters_digits_dash_underscore_starting_with_a_letter(string? name, bool valid)
    {
        Assert.Equal(valid, ComputeEnvironmentRules.IsValidName(name));
    }

    [Fact]
    public void Names_longer_than_64_characters_are_invalid()
    {
        Assert.True(ComputeEnvironmentRules.IsValidName("a" + new string('b', 63)));
        Assert.False(ComputeEnvironmentRules.IsValidName("a" + new string('b', 64)));
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(3, 2, false)]
    [InlineData(1, 1001, false)]
    [InlineData(1, 1, true)]
    [InlineData(2, 1000, true)]
    public void Workers_satisfy_one_to_a_thousand_with_min_at_most_max(int min, int max, bool valid)
    {
        Assert.Equal(valid, ComputeEnvironmentRules.AreValidWorkers(min, max));
    }

    [Fact]
    public void A_region_of_another_cloud_is_refused()
    {
        Assert.ThrowsAny<InvalidOperationException>(() =>
            ComputeEnvironment.Create(Guid.NewGuid(), "prod", CloudProvider.Azure, "us-east-1", null, 1, 2, Now));
    }

    [Fact]
    public void A_new_environment_keeps_its_settings_with_the_clouds_default_node_type_unless_one_is_given()
    {
        var customer = Guid.NewGuid();

        var environment = ComputeEnvironment.Create(customer, "Prod-eu", CloudProvider.Gcp, "europe-west1", "  ", 2, 5, Now);
        var custom = ComputeEnvironment.Create(customer, "prod", CloudProvider.Gcp, "europe-west1", " n2-highmem-8 ", 1, 2, Now);

        Assert.Equal((customer, "Prod-eu", "PROD-EU", CloudProvider.Gcp, "europe-west1", "n2-standard-4", 2, 5, Now, Now),
            (environment.CustomerId, environment.Name, environment.NormalizedName, environment.Cloud, environment.Region,
                environment.NodeType, environment.MinWorkers, environment.MaxWorkers, environment.CreatedAt, environment.UpdatedAt));
        Assert.Equal("n2-highmem-8", custom.NodeType);
    }

    [Fact]
    public void Each_change_bumps_the_version_by_one_and_moves_the_update_time()
    {
        var environment = NewEnvironment();
        var before = environment.Version;

        environment.Follow(Guid.NewGuid(), Now.AddMinutes(1));
        environment.NoteRepoBound(Now.AddMinutes(2));
        environment.NoteProblem("Delete will be tried again.", Now.AddMinutes(3));

        Assert.Equal((before + 3, Now.AddMinutes(3)), (environment.Version, environment.UpdatedAt));
        Assert.Equal((Pending, "Delete will be tried again."), (environment.Status, environment.StatusMessage));
    }

    public static TheoryData<string> Changes() => [.. ChangesByName.Keys];

    // Each change from the status it is made in, and the status message it leaves after 'an earlier message'.
    private static readonly Dictionary<string, (ComputeEnvironmentStatus From, Action<ComputeEnvironment, DateTimeOffset> Change, string? Message)> ChangesByName = new()
    {
        ["resize"] = (Pending, (e, at) => e.Resize(3, 4, at), "an earlier message"),
        ["provisioning"] = (Pending, (e, at) => e.MarkProvisioning("Creating network", at), "Creating network"),
        ["ready"] = (Provisioning, (e, at) => e.MarkReady(at), null),
        ["resizing"] = (Ready, (e, at) => e.MarkResizing(3, 4, at), "Resizing to 3-4 workers"),
        ["resize failed"] = (Resizing, (e, at) => e.EndResize(3, 4, "No quota.", at), "Resize failed: No quota. The environment keeps 1-2 workers."),
        ["degraded"] = (Ready, (e, at) => e.MarkDegraded("The cluster is", at), "The cluster is missing from the cloud. Repair recreates it."),
        ["failed"] = (Provisioning, (e, at) => e.MarkFailed("No quota.", at), "No quota."),
        ["deleting"] = (Ready, (e, at) => e.MarkDeleting(at), null),
        ["deleted"] = (Deleting, (e, at) => e.MarkDeleted(at), "an earlier message"),
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_change_is_one_new_version_at_its_time_with_its_message(string change)
    {
        var (from, apply, message) = ChangesByName[change];
        var environment = EnvironmentIn(from);
        environment.NoteProblem("an earlier message", Now);
        var version = environment.Version;

        apply(environment, Now.AddMinutes(5));

        Assert.Equal((version + 1, Now.AddMinutes(5), message), (environment.Version, environment.UpdatedAt, environment.StatusMessage));
    }

    [Fact]
    public void A_create_refused_by_a_rule_says_which()
    {
        var region = Assert.ThrowsAny<InvalidOperationException>(() => ComputeEnvironment.Create(Guid.NewGuid(), "prod", CloudProvider.Azure, "us-east-1", null, 1, 2, Now));
        var name = Assert.ThrowsAny<InvalidOperationException>(() => ComputeEnvironment.Create(Guid.NewGuid(), "1bad", CloudProvider.Aws, "us-east-1", null, 1, 2, Now));
        var workers = Assert.ThrowsAny<InvalidOperationException>(() => ComputeEnvironment.Create(Guid.NewGuid(), "prod", CloudProvider.Aws, "us-east-1", null, 3, 2, Now));

        Assert.Equal("'us-east-1' is not a region of Azure.", region.Message);
        Assert.Equal("An environment name has 1 to 64 letters, digits, '-' or '_' and starts with a letter.", name.Message);
        Assert.Equal("Workers must satisfy 1 <= min <= max <= 1000.", workers.Message);
    }

    [Fact]
    public void A_status_message_is_kept_up_to_1000_characters()
    {
        var kept = NewEnvironment();
        var cut = NewEnvironment();

        kept.MarkProvisioning(new string('m', ComputeEnvironmentRules.StatusMessageMaxLength), Now);
        cut.MarkProvisioning(new string('m', ComputeEnvironmentRules.StatusMessageMaxLength + 1), Now);

        Assert.Equal((1000, 1000), (kept.StatusMessage!.Length, cut.StatusMessage!.Length));
    }

    [Fact]
    public void Provisioning_moves_on_step_by_step_and_deleting_clears_the_message_and_records_when()
    {
        var environment = EnvironmentIn(Provisioning);

        environment.MarkProvisioning("Creating storage", Now.AddMinutes(1));
        Assert.Equal((Provisioning, "Creating storage"), (environment.Status, environment.StatusMessage));

        environment.MarkDeleting(Now.AddMinutes(2));
        Assert.Null(environment.StatusMessage);
        environment.MarkDeleted(Now.AddMinutes(3));
        Assert.Equal((Deleted, Now.AddMinutes(3)), (environment.Status, environment.DeletedAt!.Value));
    }

    [Fact]
    public void A_rename_or_resize_that_breaks_a_rule_changes_nothing()
    {
        var environment = NewEnvironment();
        var version = environment.Version;

        Assert.ThrowsAny<InvalidOperationException>(() => environment.Rename("1bad", Now.AddMinutes(1)));
        Assert.ThrowsAny<InvalidOperationException>(() => environment.Resize(3, 2, Now.AddMinutes(1)));

        Assert.Equal(("prod", 1, 2, version), (environment.Name, environment.MinWorkers, environment.MaxWorkers, environment.Version));
    }

    private static ComputeEnvironment NewEnvironment() =>
        ComputeEnvironment.Create(Guid.NewGuid(), "prod", CloudProvider.Aws, "us-east-1", null, 1, 2, Now);

    private static ComputeEnvironment EnvironmentIn(ComputeEnvironmentStatus status)
    {
        var environment = NewEnvironment();
        ComputeEnvironmentStatus[] path = status switch
        {
            Pending => [],
            Provisioning => [Provisioning],
            Ready => [Provisioning, Ready],
            Failed => [Provisioning, Failed],
            Deleting => [Deleting],
            Deleted => [Deleting, Deleted],
            Resizing => [Provisioning, Ready, Resizing],
            Degraded => [Provisioning, Ready, Degraded],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
            MoveTo(environment, step);
        return environment;
    }

    private static void MoveTo(ComputeEnvironment environment, ComputeEnvironmentStatus status)
    {
        switch (status)
        {
            case Provisioning: environment.MarkProvisioning("Creating network", Now); break;
            case Ready: environment.MarkReady(Now); break;
            case Failed: environment.MarkFailed("quota exceeded", Now); break;
            case Deleting: environment.MarkDeleting(Now); break;
            case Deleted: environment.MarkDeleted(Now); break;
            case Resizing: environment.MarkResizing(1, 3, Now); break;
            case Degraded: environment.MarkDegraded("The cluster is", Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(status));
        }
    }
}
