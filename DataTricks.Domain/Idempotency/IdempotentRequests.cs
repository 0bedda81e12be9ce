using System.Text.Json;
using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Idempotency;

/// <summary>
/// Claims, answers and forgets the Idempotency-Keys of writes. Each call is a unit of work of its own, outside the
/// write's: the key is claimed before the write runs and its answer recorded after, so a retry never runs a write twice
/// while its first run is alive, and gets the first answer once it is recorded.
/// </summary>
public sealed class IdempotentRequests(TenantDbContextFactory contexts, IDataProtectionProvider protection, TimeProvider time)
{
    private const string ProtectionPurpose = "DataTricks.IdempotentRequests.Body";

    private IDataProtector Protector => protection.CreateProtector(ProtectionPurpose);

    public async Task<IdempotencyOutcome> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        // A lost race (a claim made or released in between) is looked at again; a third loss is a busy key.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await contexts.InSystemScopeAsync(db => TryBeginAsync(db, scope, key, requestHash, cancellationToken)) is { } outcome)
                return outcome;
        }
        return new IdempotencyOutcome.InFlight();
    }

    private async Task<IdempotencyOutcome?> TryBeginAsync(DataTricksDbContext db, string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var found = await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
        if (found is null || found.IsExpired(now))
        {
            if (found is not null)
                await db.IdempotentRequests.Where(r => r.Scope == scope && r.Key == key && r.CreatedAt == found.CreatedAt).ExecuteDeleteAsync(cancellationToken);
            db.IdempotentRequests.Add(IdempotentRequest.Claim(scope, key, requestHash, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyOutcome.Run();
            }
            catch (DbUpdateException)
            {
                return null;
            }
        }
        if (found.RequestHash != requestHash)
            return new IdempotencyOutcome.Reused();
        if (found.IsAnswered)
            return new IdempotencyOutcome.Replay(
                found.StatusCode!.Value, JsonSerializer.Deserialize<Dictionary<string, string>>(found.Headers!)!, Protector.Unprotect(found.Body!));
        if (!found.IsAbandoned(now))
            return new IdempotencyOutcome.InFlight();
        // The claim's node died mid-request: this retry takes the key over, unless another retry just did.
        var taken = await db.IdempotentRequests
            .Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null && r.ClaimedUntil == found.ClaimedUntil)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntil, now + IdempotentRequest.ClaimDuration), cancellationToken);
        return taken == 1 ? new IdempotencyOutcome.Run() : null;
    }

    /// <summary>Records the answer of the request that claimed the key, for its retries to be given.</summary>
    public Task AnswerAsync(string scope, string key, int statusCode, IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken cancellationToken)
    {
        var sealedBody = Protector.Protect(body);
        var headerJson = JsonSerializer.Serialize(headers);
        return contexts.InSystemScopeAsync(db => db.IdempotentRequests
            .Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, statusCode)
                .SetProperty(r => r.Headers, headerJson)
                .SetProperty(r => r.Body, sealedBody), cancellationToken));
    }

    /// <summary>Frees a key whose request did not run to an answer worth keeping (it was refused as invalid, or failed).</summary>
    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(db => db.IdempotentRequests
            .Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null)
            .ExecuteDeleteAsync(cancellationToken));

    /// <summary>Forgets keys older than <see cref="IdempotentRequest.Lifetime"/>.</summary>
    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - IdempotentRequest.Lifetime;
        return contexts.InSystemScopeAsync(db => db.IdempotentRequests.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken));
    }
}
