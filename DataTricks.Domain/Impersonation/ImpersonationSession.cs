using DataTricks.Domain.Common;

namespace DataTricks.Domain.Impersonation;

/// <summary>
/// A support staff user acting inside one customer: started with a reason, limited in time, ended
/// explicitly or by expiry. Only one session of a staff user is active at a time.
/// </summary>
public sealed class ImpersonationSession
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(60);
    public const int ReasonMaxLength = 500;
    // Made per use, not held in a static field: a mutation test can only switch a mutant on in code that runs after the
    // test process has started.
    public static TextRule ReasonRule => new("An impersonation reason", ReasonMaxLength, multiline: true, required: true);

    private ImpersonationSession() { }

    public Guid Id { get; private set; }
    public Guid StaffUserId { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Reason { get; private set; } = null!;
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Starts a session of at most <see cref="MaxDuration"/>, ending no later than <paramref name="notAfter"/> (the customer's grant).</summary>
    public static ImpersonationSession Start(Guid staffUserId, Guid customerId, string reason, DateTimeOffset now, DateTimeOffset notAfter)
    {
        var check = ReasonRule.Check(reason);
        if (!check.IsValid)
            throw new DomainException(check.Problem);
        var trimmed = check.Value;
        return new ImpersonationSession
        {
            Id = Guid.CreateVersion7(now),
            StaffUserId = staffUserId,
            CustomerId = customerId,
            Reason = trimmed,
            StartedAt = now,
            ExpiresAt = Moments.Earliest(now + MaxDuration, notAfter),
        };
    }

    public bool IsActiveAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    public void End(DateTimeOffset now) => EndedAt ??= Moments.Earliest(now, ExpiresAt);
}
