using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Customers;

/// <summary>Customer self-service sign-up: the customer and its first admin are created together or not at all.</summary>
public sealed class SignupService(
    DataTricksDbContext db, UserManager<User> users, ITenantContext tenant, AuditLog audit, TimeProvider time)
{
    public async Task<Result<SignupResult>> SignUpAsync(SignupRequest request, CancellationToken cancellationToken = default)
    {
        var name = Customer.NameRule.Check(request.CustomerName);
        var email = request.AdminEmail?.Trim() ?? "";
        var now = time.GetUtcNow();
        var errors = new FieldErrors()
            .Check("customerName", name)
            .Check(EmailRules.IsValid(email), "adminEmail", "Enter a valid e-mail address.")
            .Check("adminDisplayName", User.OptionalDisplayName(request.AdminDisplayName));
        if (errors.Any)
            return errors.ToFailure();

        var customer = Customer.Create(name.Value, now);
        var admin = User.Create(customer.Id, email, request.AdminDisplayName, now);
        admin.EmailConfirmed = true;
        var passwordProblems = await PasswordCheck.ProblemsAsync(users, admin, request.AdminPassword);
        if (passwordProblems.Length > 0)
            return Failure.Invalid(new Dictionary<string, string[]> { ["adminPassword"] = passwordProblems });

        if (await db.Customers.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).AnyAsync(c => c.NormalizedName == customer.NormalizedName, cancellationToken))
            return Failure.Conflict(ProblemCodes.NameTaken, "A customer with this name already exists.");

        using var scope = tenant.Use(TenantScope.ForCustomer(customer.Id, admin.Id));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync(cancellationToken);
            var created = await users.CreateAsync(admin, request.AdminPassword!);
            if (!created.Succeeded)
                return Abandon(created);
            var promoted = await users.AddToRoleAsync(admin, Roles.Admin);
            if (!promoted.Succeeded)
                return Abandon(promoted);
            audit.Record(AuditActions.CustomerSignedUp, "customer", customer.Id, $"Signed up with admin {email}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SignupResult(customer.Id, admin.Id);
        }
        catch (DbUpdateException)
        {
            // A concurrent sign-up took the name between the check above and the insert.
            db.ChangeTracker.Clear();
            return Failure.Conflict(ProblemCodes.NameTaken, "A customer with this name already exists.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private Failure Abandon(IdentityResult result)
    {
        db.ChangeTracker.Clear();
        return IdentityFailures.From(result, "adminEmail");
    }
}
