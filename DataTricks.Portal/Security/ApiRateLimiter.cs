using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Security;

/// <summary>
/// The API's limits for authenticated callers: a token bucket per token and one per customer (all its tokens
/// together), from System.Threading.RateLimiting. It also says how much of each is left, for the RateLimit fields of
/// the IETF draft that let a client slow down before it is refused.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    private readonly Bucket _perToken;
    private readonly Bucket _perCustomer;

    public ApiRateLimiter(IOptions<RateLimitingOptions> options)
    {
        _perToken = new Bucket("token", options.Value.ApiPerToken);
        _perCustomer = new Bucket("customer", options.Value.ApiPerCustomer);
    }

    /// <summary>Takes one request from the token's bucket and the customer's; the wait before a retry when either is empty.</summary>
    public TimeSpan? Acquire(string token, Guid? customer)
    {
        if (_perToken.Acquire(token) is { } wait)
            return wait;
        return customer is { } id ? _perCustomer.Acquire(id.ToString()) : null;
    }

    /// <summary>The RateLimit-Policy field: each bucket's size and the seconds it takes to fill.</summary>
    public string Policy(Guid? customer) => customer is null ? _perToken.Policy : $"{_perToken.Policy}, {_perCustomer.Policy}";

    /// <summary>The RateLimit field: what is left in each bucket and the seconds until it is full again.</summary>
    public string Remaining(string token, Guid? customer) =>
        customer is { } id ? $"{_perToken.Remaining(token)}, {_perCustomer.Remaining(id.ToString())}" : _perToken.Remaining(token);

    public void Dispose()
    {
        _perToken.Dispose();
        _perCustomer.Dispose();
    }

    private sealed class Bucket(string name, ApiRateLimit limit) : IDisposable
    {
        // Idle buckets are dropped by the partitioned limiter, which also refills them all on one timer.
        private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => Options(limit)));

        public string Policy { get; } = $"\"{name}\";q={limit.Burst};w={limit.RefillSeconds}";

        public TimeSpan? Acquire(string key)
        {
            using var lease = _limiter.AttemptAcquire(key);
            if (lease.IsAcquired)
                return null;
            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        }

        public string Remaining(string key)
        {
            var left = _limiter.GetStatistics(key)?.CurrentAvailablePermits ?? limit.Burst;
            var untilFull = (int)Math.Ceiling((limit.Burst - left) / limit.PermitsPerSecond);
            return string.Create(CultureInfo.InvariantCulture, $"\"{name}\";r={left};t={untilFull}");
        }

        public void Dispose() => _limiter.Dispose();

        /// <summary>Whole tokens each second, or one token every so many seconds for a rate below one a second.</summary>
        private static TokenBucketRateLimiterOptions Options(ApiRateLimit limit) => new()
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.PermitsPerSecond >= 1 ? (int)Math.Round(limit.PermitsPerSecond) : 1,
            ReplenishmentPeriod = limit.PermitsPerSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / limit.PermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }
}
