namespace DataTricks.Domain.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Lets endpoints be on loopback, private and link-local addresses, and plain http: for tests and a portal run on a
    /// laptop, never for a deployment, where it would let a customer reach the network the portal runs in.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long an endpoint has to answer an attempt; anything slower is a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Attempts this node makes to one endpoint at the same time; a slow endpoint fills only its own. A delivery holds its
    /// slot for its whole round trip (claim, post, answer), about 25 ms on a local network, so this bounds one endpoint's
    /// rate: 4 gave 270 deliveries/s, 16 gave 630/s (bench/README.md).
    /// </summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 16;

    /// <summary>Attempts this node makes at the same time in all: room for many endpoints that all time out before the others wait.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 256;

    /// <summary>Whether this node delivers webhooks (the tests of other things switch it off).</summary>
    public bool DispatcherEnabled { get; set; } = true;
}
