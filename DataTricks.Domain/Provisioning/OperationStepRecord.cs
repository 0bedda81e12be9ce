using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Provisioning;

/// <summary>One step of one operation as it ran: the operation timeline the portal shows.</summary>
public sealed class OperationStepRecord : ITenantOwned
{
    private OperationStepRecord() { }

    public Guid CustomerId { get; private set; }
    public Guid OperationId { get; private set; }
    public string Step { get; private set; } = "";
    public int Attempts { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? Error { get; private set; }

    public static OperationStepRecord Begin(Operation operation, string step, DateTimeOffset now) =>
        new() { CustomerId = operation.CustomerId, OperationId = operation.Id, Step = step, StartedAt = now };

    public void RecordAttempt(int attempt, string? error)
    {
        Attempts = attempt;
        Error = error;
    }

    public void End(DateTimeOffset now, string? error)
    {
        EndedAt = now;
        Error = error;
    }
}
