using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Repos;

/// <summary>
/// The caller's repos, their environment binding and their members. An environment of another customer, or a
/// user of another customer, is not found; the schema refuses such links even if this service were wrong.
/// </summary>
public sealed class RepoService(DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, TimeProvider time)
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
        return await SaveAsync(repo.Id, name, cancellationToken);
    }

    public Task<Result<RepoView>> UpdateAsync(Guid id, UpdateRepoRequest request, CancellationToken cancellationToken = default) =>
        RetryOnConcurrencyAsync(() => TryUpdateAsync(id, request, cancellationToken));

    private async Task<Result<RepoView>> TryUpdateAsync(Guid id, UpdateRepoRequest request, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.UpdateRepo, cancellationToken) is { } forbidden)
            return forbidden;
        var repo = await db.Repos.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (repo is null)
            return Failure.NotFound("The repo");
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
        return await SaveAsync(repo.Id, name, cancellationToken);
    }

    public async Task<Result<RepoView>> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.DeleteRepo, cancellationToken) is { } forbidden)
            return forbidden;
        var view = await GetAsync(id, cancellationToken);
        if (!view.Succeeded)
            return view;
        var repo = await db.Repos.FirstAsync(r => r.Id == id, cancellationToken);
        db.Repos.Remove(repo);
        audit.Record(AuditActions.RepoDeleted, "repo", repo.Id, repo.Name);
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }

    public async Task<Result<IReadOnlyList<RepoMemberView>>> MembersAsync(Guid repoId, CancellationToken cancellationToken = default)
    {
        if (!await db.Repos.AnyAsync(r => r.Id == repoId, cancellationToken))
            return Failure.NotFound("The repo");
        return await db.RepoMembers.Where(m => m.RepoId == repoId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email, u.DisplayName, u.SortKey, m.AddedAt })
            .OrderBy(m => m.SortKey).ThenBy(m => m.Id)
            .Select(m => new RepoMemberView(m.Id, m.Email!, m.DisplayName, m.AddedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The most a member picker shows at once; typing narrows the list in the database.</summary>
    public const int CandidateLimit = 20;

    /// <summary>Active users of the customer who are not members yet and whose name or e-mail holds <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<RepoMemberView>> CandidatesAsync(Guid repoId, string? search, CancellationToken cancellationToken = default)
    {
        var users = db.Users.Where(u => u.IsActive && !db.RepoMembers.Any(m => m.RepoId == repoId && m.UserId == u.Id));
        if (new ListQuery(search, 0, CandidateLimit).NormalizedSearch is { } text)
            users = users.Where(u => u.NormalizedEmail!.Contains(text) || u.DisplayName.ToUpper().Contains(text));
        return await users
            .OrderBy(u => u.SortKey).ThenBy(u => u.Id)
            .Take(CandidateLimit)
            .Select(u => new RepoMemberView(u.Id, u.Email!, u.DisplayName, u.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds a member; adding one who already is changes nothing.</summary>
    public async Task<Result<bool>> AddMemberAsync(Guid repoId, Guid userId, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeRepoMembers, cancellationToken) is { } forbidden)
            return forbidden;
        var repo = await db.Repos.FirstOrDefaultAsync(r => r.Id == repoId, cancellationToken);
        var user = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(cancellationToken);
        if (repo is null)
            return Failure.NotFound("The repo");
        if (user is null)
            return Failure.NotFound("The user");
        if (await db.RepoMembers.AnyAsync(m => m.RepoId == repoId && m.UserId == userId, cancellationToken))
            return false;
        db.RepoMembers.Add(RepoMember.Create(repo.CustomerId, repoId, userId, time.GetUtcNow()));
        audit.Record(AuditActions.RepoMemberAdded, "repo", repoId, $"{user.Email} added to {repo.Name}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Added by a concurrent request: the outcome the caller wanted.
            db.ChangeTracker.Clear();
            return false;
        }
        return true;
    }

    /// <summary>Removes a member; removing one who is not a member changes nothing.</summary>
    public async Task<Result<bool>> RemoveMemberAsync(Guid repoId, Guid userId, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeRepoMembers, cancellationToken) is { } forbidden)
            return forbidden;
        if (!await db.Repos.AnyAsync(r => r.Id == repoId, cancellationToken))
            return Failure.NotFound("The repo");
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            return Failure.NotFound("The user");
        var membership = await db.RepoMembers.FirstOrDefaultAsync(m => m.RepoId == repoId && m.UserId == userId, cancellationToken);
        if (membership is null)
            return false;
        db.RepoMembers.Remove(membership);
        audit.Record(AuditActions.RepoMemberRemoved, "repo", repoId, $"user {userId} removed");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private IQueryable<RepoView> Project(IQueryable<Repo> source) =>
        source.Join(db.ComputeEnvironments, r => r.ComputeEnvironmentId, e => e.Id, (r, e) => new RepoView(
            r.Id, r.Name, r.Description, e.Id, e.Name, e.Status,
            db.RepoMembers.Count(m => m.RepoId == r.Id), r.CreatedAt, r.UpdatedAt));

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
