using DataTricks.E2E.Support;
using DataTricks.Testing;

namespace DataTricks.E2E.Resilience;

/// <summary>Real portal processes sharing a database: a webhook delivery a killed node was making is made by another.</summary>
public sealed class WebhookResilienceTests : IDisposable
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        // The receiver runs on this machine.
        ["Webhooks:AllowPrivateTargets"] = "true",
    };

    private readonly PortalFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_delivery_in_flight_on_a_killed_node_is_delivered_by_another_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hold = new TaskCompletionSource();
        var calls = 0;
        // The first attempt hangs until its node is gone; later ones are answered.
        receiver.Answer = async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                await hold.Task;
            return 204;
        };
        try
        {
            await using var first = await PortalProcess.StartAsync(_files, Settings);
            await using var second = await PortalProcess.StartAsync(_files, Settings);
            var api = await PortalApi.SignInAsync(first.BaseAddress, "admin@acme.test");
            var endpointId = await api.CreateWebhookAsync(receiver.Url(), "user.created");
            await api.AddUserAsync($"hire-{Guid.NewGuid():N}@acme.test", "Member", "Hire-Passw0rd!");

            var held = (await receiver.WaitForAsync(1, limit: TimeSpan.FromSeconds(60))).Single();
            var holderId = await LeaseHolderProcessAsync();
            var (holder, survivor) = holderId == first.ProcessId ? (first, second) : (second, first);
            Assert.Equal(holderId, holder.ProcessId);
            await holder.KillAsync();

            // Its lease runs out (timeout + 15 s) and the survivor attempts the delivery again.
            var again = (await receiver.WaitForAsync(2, limit: TimeSpan.FromSeconds(90)))[1];
            Assert.Equal(held.Id, again.Id);
            Assert.Equal(held.Body, again.Body);
            var viaSurvivor = await PortalApi.SignInAsync(survivor.BaseAddress, "admin@acme.test");
            JsonElementHolder delivered = new();
            await Eventually.HoldsAsync(async () =>
            {
                delivered.Value = (await viaSurvivor.DeliveriesAsync(endpointId)).Single();
                return delivered.Value.GetProperty("status").GetString() == "Delivered";
            }, "the delivery recorded as delivered", TimeSpan.FromSeconds(30));
            // The killed node's attempt was never recorded: the one that counts is the survivor's.
            Assert.Equal(1, delivered.Value.GetProperty("attempts").GetInt32());
        }
        finally
        {
            hold.TrySetResult();
        }
    }

    /// <summary>The process id in the lease owner of the one delivery (machine:pid:guid).</summary>
    private async Task<int> LeaseHolderProcessAsync()
    {
        string? owner = null;
        await Eventually.HoldsAsync(async () =>
        {
            await using var connection = _files.OpenDatabase();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "LeaseOwner" FROM "WebhookDeliveries" """;
            owner = await command.ExecuteScalarAsync() as string;
            return owner is not null;
        }, "the delivery's lease owner");
        return int.Parse(owner!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class JsonElementHolder
    {
        public System.Text.Json.JsonElement Value { get; set; }
    }
}
