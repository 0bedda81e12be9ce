namespace DataTricks.Domain.Tenancy;

/// <summary>
/// The scoped <see cref="ITenantContext"/>. An impersonation scope stops granting access the moment it
/// expires, even in a long-lived Blazor circuit.
/// </summary>
public sealed class TenantContext(TimeProvider time) : ITenantContext
{
    private TenantScope _scope = TenantScope.None;

    public Guid? CustomerId => IsExpired ? null : _scope.CustomerId;
    public Guid? UserId => IsExpired ? null : _scope.UserId;
    public Guid? ImpersonatorUserId => IsExpired ? null : _scope.ImpersonatorUserId;
    public bool IsSystem => _scope.IsSystem;
    public string? DirectoryName => _scope.DirectoryName;

    /// <summary>The scope as set, for a unit of work that must run in the same one (a component's call in a scope of its own).</summary>
    public TenantScope Scope => _scope;
    public bool IsAdmin => !IsExpired && _scope.IsAdmin;

    private bool IsExpired => _scope.ImpersonationExpiresAt is { } expiresAt && time.GetUtcNow() >= expiresAt;

    /// <summary>Sets the scope of the whole unit of work, from the caller's identity.</summary>
    public void Set(TenantScope scope) => _scope = scope;

    public IDisposable Use(TenantScope scope)
    {
        var previous = _scope;
        _scope = scope;
        return new Restore(this, previous);
    }

    private sealed class Restore(TenantContext context, TenantScope previous) : IDisposable
    {
        public void Dispose() => context._scope = previous;
    }
}
