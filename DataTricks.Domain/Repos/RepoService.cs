using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Repos;

/// <summary>
/// The caller's repos and their environment binding; who may use them is <see cref="RepoAccessService"/>'s. An
/// environment of another customer is not found; the schema refuses such links even if this service were wrong.
/// </summary>
public sealed class RepoService(DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, EventLog events, TimeProvider time)
{
    public async Task<OffsetPage<RepoView>> ListAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        var filtered = db.Repos.AsQueryable();
        if (query.NormalizedSearch is { } search)
            filtered = filtered.Where(r => r.NormalizedName.Contains(search));
        var total = await filtered.CountAsync(cancellationToken);
        var items = await Project(Sorted(filtered, query.Sort).ThenBy(r => r.Id).Skip(query.Offset).Take(query.Limit)).ToListAsync(cancellationToken);
        return new OffsetPage<RepoView>(items, total, query.Offset);
    }

    public static readonly IReadOnlyList<string> SortColumns = ["name", "environment", "created"];

    private IOrderedQueryable<Repo> Sorted(IQueryable<Repo> repos, string? sort)
    {
        var order = SortOrder.Parse(sort, SortColumns, new SortOrder("name", false));
        return order.Column switch
        {
            "environment" => order.Apply(repos, r => db.ComputeEnvironments.Where(e => e.Id == r.ComputeEnvironmentId).Select(e => e.SortKey).FirstOrDefault()),
            "created" => order.Apply(repos, r => r.CreatedAt),
            _ => order.Apply(repos, r => r.SortKey),
        };
    }

    public async Task<Result<RepoView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await Project(db.Repos.Where(r => r.Id == id)).FirstOrDefaultAsync(cancellationToken) is { } view ? view : Failure.NotFound("The repo");

    /// <summary>The most a picker shows at once; typing narrows the list in the database.</summary>
    public const int CandidateLimit = 20;

    /// <summary>The environments a repo can be bound to now: on their way to Ready, or Ready.</summary>
    /// <remarks>At most <see cref="CandidateLimit"/>, whose name holds <paramref name="search"/>: typing narrows the list in the database.</remarks>
    public async Task<IReadOnlyList<BindableEnvironment>> BindableEnvironmentsAsync(string? search, CancellationToken cancellationToken = default)
    {
        var environments = db.ComputeEnvironments
            .Where(e => e.Status == ComputeEnvironmentStatus.Pending || e.Status == ComputeEnvironmentStatus.Provisioning || e.Status == ComputeEnvironmentStatus.Ready);
        if (new ListQuery(search, 0, CandidateLimit).NormalizedSearch is { } text)
            environments = environments.Where(e => e.NormalizedName.Contains(text));
        return await environments
            .OrderBy(e => e.SortKey).ThenBy(e => e.Id)
            .Take(CandidateLimit)
            .Select(e => new BindableEnvironment(e.Id, e.Name, e.Status))
            .ToListAsync(cancellationToken);
    }

    public Task<Result<RepoView>> CreateAsync(CreateRepoRequest request, CancellationToken cancellationToken = default) =>
        RetryOnConcurrencyAsync(() => TryCreateAsync(request, cancellationToken));

    private async Task<Result<RepoView>> TryCreateAsync(CreateRepoRequest request, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.CreateRepo, cancellationToken) is { } forbidden)
            return forbidden;
        var name = Repo.NameRule.Check(request.Name).Value;
        if (Validate(request.Name, request.Description, request.ComputeEnvironmentId is not null, requireEnvironment: true) is { } invalid)
            return invalid;
        if (tenant.CustomerId is not { } customerId)
            return Failure.NotFound("The customer");
        if (await BindableAsync(request.ComputeEnvironmentId!.Value, cancellationToken) is { Succeeded: false } unbindable)
            return unbindable.Failure;
        if (await NameTakenAsync(name, null, cancellationToken))
            return NameConflict(name);

        var repo = Repo.Create(customerId, name, request.Description, request.ComputeEnvironmentId.Value, time.GetUtcNow());
        db.Repos.Add(repo);
        audit.Record(AuditActions.RepoCreated, "repo", repo.Id, repo.Name);
        events.Record(EventTypes.RepoCreated, repo.Id, RepoEventData.Of(repo));
        return await SaveAsync(repo.Id, name, cancellationToken);
    }

    /// <summary>
    /// Edits a repo. <paramref name="isCurrent"/> (If-Match) is asked of the repo as it is when the write is made; the
    /// repo's version, a concurrency token, refuses a change made between that look and the save, and the retry looks again.
    /// </summary>
    public Task<Result<RepoView>> UpdateAsync(Guid id, UpdateRepoRequest request, Func<RepoView, bool>? isCurrent = null, CancellationToken cancellationToken = default) =>
        RetryOnConcurrencyAsync(() => TryUpdateAsync(id, request, isCurrent, cancellationToken));

    private async Task<Result<RepoView>> TryUpdateAsync(Guid id, UpdateRepoRequest request, Func<RepoView, bool>? isCurrent, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.UpdateRepo, cancellationToken) is { } forbidden)
            return forbidden;
        var repo = await db.Repos.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (repo is null)
            return Failure.NotFound("The repo");
        if (isCurrent is not null && await StaleAsync(id, isCurrent, cancellationToken) is { } stale)
            return stale;
        var name = request.Name is null ? repo.Name : Repo.NameRule.Check(request.Name).Value;
        if (Validate(request.Name ?? repo.Name, request.Description, hasEnvironment: true, requireEnvironment: false) is { } invalid)
            return invalid;
        if (request.ComputeEnvironmentId is { } environmentId && environmentId != repo.ComputeEnvironmentId
            && await BindableAsync(environmentId, cancellationToken) is { Succeeded: false } unbindable)
            return unbindable.Failure;
        if (!string.Equals(name, repo.Name, StringComparison.OrdinalIgnoreCase) && await NameTakenAsync(name, repo.Id, cancellationToken))
            return NameConflict(name);

        var now = time.GetUtcNow();
        repo.Edit(name, request.Description ?? repo.Description, now);
        if (request.ComputeEnvironmentId is { } rebind && rebind != repo.ComputeEnvironmentId)
        {
            repo.BindTo(rebind, now);
            audit.Record(AuditActions.RepoUpdated, "repo", repo.Id, $"{repo.Name} bound to environment {rebind}");
        }
        else
        {
            audit.Record(AuditActions.RepoUpdated, "repo", repo.Id, repo.Name);
        }
        events.Record(EventTypes.RepoUpdated, repo.Id, RepoEventData.Of(repo));
        return await SaveAsync(repo.Id, name, cancellationToken);
    }

    public Task<Result<RepoView>> DeleteAsync(Guid id, Func<RepoView, bool>? isCurrent = null, CancellationToken cancellationToken = default) =>
        RetryOnConcurrencyAsync(() => TryDeleteAsync(id, isCurrent, cancellationToken));

    private async Task<Result<RepoView>> TryDeleteAsync(Guid id, Func<RepoView, bool>? isCurrent, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.DeleteRepo, cancellationToken) is { } forbidden)
            return forbidden;
        // The row is read before its view: a change between the two fails the delete on the version, and the retry looks again.
        var repo = await db.Repos.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        var view = await GetAsync(id, cancellationToken);
        if (repo is null || !view.Succeeded)
            return Failure.NotFound("The repo");
        if (isCurrent?.Invoke(view.Value) == false)
            return VersionMatch.Stale("The repo");
        db.Repos.Remove(repo);
        audit.Record(AuditActions.RepoDeleted, "repo", repo.Id, repo.Name);
        events.Record(EventTypes.RepoDeleted, repo.Id, RepoEventData.Of(repo));
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }

    /// <summary>Refusal of a write whose caller's copy of the repo (If-Match) is no longer what the repo is.</summary>
    private async Task<Failure?> StaleAsync(Guid id, Func<RepoView, bool> isCurrent, CancellationToken cancellationToken) =>
        (await GetAsync(id, cancellationToken)) is { Succeeded: true } view && isCurrent(view.Value) ? null : VersionMatch.Stale("The repo");

    private IQueryable<RepoView> Project(IQueryable<Repo> source) =>
        source.Join(db.ComputeEnvironments, r => r.ComputeEnvironmentId, e => e.Id, (r, e) => new RepoView(
            r.Id, r.Name, r.Description, e.Id, e.Name, e.Status,
            RepoAccess.Of(db).Count(a => a.RepoId == r.Id), r.CreatedAt, r.UpdatedAt, r.Version));

    private static Failure? Validate(string? name, string? description, bool hasEnvironment, bool requireEnvironment)
    {
        var errors = new FieldErrors()
            .Check("name", Repo.NameRule.Check(name))
            .Check("description", Repo.DescriptionRule.Check(description))
            .Check(hasEnvironment || !requireEnvironment, "computeEnvironmentId", "Choose the compute environment the repo runs on.");
        return errors.Any ? errors.ToFailure() : null;
    }

    /// <summary>
    /// The environment, marked as gaining a repo; not found when unknown, deleted or another customer's; a conflict
    /// when it is failed or being deleted.
    /// </summary>
    private async Task<Result<ComputeEnvironment>> BindableAsync(Guid environmentId, CancellationToken cancellationToken)
    {
        var environment = await db.ComputeEnvironments.FirstOrDefaultAsync(e => e.Id == environmentId && e.Status != ComputeEnvironmentStatus.Deleted, cancellationToken);
        if (environment is null)
            return Failure.NotFound("The compute environment");
        if (!ComputeEnvironmentLifecycle.IsBindable(environment.Status))
            return Failure.Conflict(ProblemCodes.EnvironmentUnavailable, $"Environment '{environment.Name}' is {environment.Status}: repos can only use environments that are Pending, Provisioning or Ready.");
        environment.NoteRepoBound(time.GetUtcNow());
        return environment;
    }

    private Task<bool> NameTakenAsync(string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var normalized = name.ToUpperInvariant();
        return db.Repos.AnyAsync(r => r.NormalizedName == normalized && r.Id != exceptId, cancellationToken);
    }

    private static Failure NameConflict(string name) => Failure.Conflict(ProblemCodes.NameTaken, $"A repo named '{name}' already exists.");

    /// <summary>
    /// Binding touches the environment's version, so it can collide with the worker's progress or a delete:
    /// the write is redone on fresh data, where a delete that won shows as a conflict.
    /// </summary>
    private Task<Result<RepoView>> RetryOnConcurrencyAsync(Func<Task<Result<RepoView>>> write) =>
        db.WriteAsync(write, Failure.Conflict(ProblemCodes.ConcurrentChange, "The compute environment keeps changing; try again in a moment."));

    private async Task<Result<RepoView>> SaveAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            // A concurrent request took the name between the check and the insert.
            db.ChangeTracker.Clear();
            return NameConflict(name);
        }
        return await GetAsync(id, cancellationToken);
    }
}
