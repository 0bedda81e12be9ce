using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Auditing;

/// <summary>
/// The current names of what audit events acted on, read in one query per kind of target and scoped to the caller's
/// customer. What is not found has been deleted (or was never the customer's, which reads the same).
/// </summary>
internal sealed class AuditTargets(DataTricksDbContext db)
{
    public sealed record Resolved(string? Name, bool Deleted);

    public async Task<Func<string?, string?, Resolved>> ResolveAsync(IReadOnlyCollection<AuditEvent> events, CancellationToken cancellationToken)
    {
        List<Guid> Ids(string type) => events.Where(e => e.TargetType == type && Guid.TryParse(e.TargetId, out _)).Select(e => Guid.Parse(e.TargetId!)).Distinct().ToList();

        var environmentIds = Ids("environment");
        var environments = await db.ComputeEnvironments.Where(e => environmentIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => new Resolved(e.Name, e.Status == ComputeEnvironmentStatus.Deleted), cancellationToken);
        var repoIds = Ids("repo");
        var repos = await db.Repos.Where(r => repoIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => new Resolved(r.Name, false), cancellationToken);
        var groupIds = Ids("group");
        var groups = await db.Groups.Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => new Resolved(g.Name, false), cancellationToken);
        var userIds = Ids("user");
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new Resolved(u.Email, false), cancellationToken);
        var tokenIds = Ids("token");
        var tokens = await db.PersonalAccessTokens.Where(t => tokenIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => new Resolved(t.Name, false), cancellationToken);
        var webhookIds = Ids("webhook");
        var webhooks = await db.WebhookEndpoints.Where(w => webhookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => new Resolved(w.Url, false), cancellationToken);
        var operationIds = Ids("operation");
        var operations = await db.Operations.Where(o => operationIds.Contains(o.Id))
            .Join(db.ComputeEnvironments, o => o.ComputeEnvironmentId, e => e.Id, (o, e) => new { o.Id, e.Name, e.Status })
            .ToDictionaryAsync(o => o.Id, o => new Resolved(o.Name, o.Status == ComputeEnvironmentStatus.Deleted), cancellationToken);
        var customer = await db.Customers.Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(cancellationToken);

        var byType = new Dictionary<string, Dictionary<Guid, Resolved>>
        {
            ["environment"] = environments, ["repo"] = repos, ["group"] = groups, ["user"] = users, ["token"] = tokens, ["operation"] = operations, ["webhook"] = webhooks,
        };
        return (type, id) =>
        {
            if (type is null || !Guid.TryParse(id, out var guid))
                return new Resolved(null, false);
            if (type == "customer")
                return customer?.Id == guid ? new Resolved(customer.Name, false) : new Resolved(null, true);
            return byType.TryGetValue(type, out var known) ? known.GetValueOrDefault(guid, new Resolved(null, true)) : new Resolved(null, false);
        };
    }
}
