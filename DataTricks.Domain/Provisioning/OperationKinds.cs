namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Every kind of operation, by the handler that runs it: a new kind is a new handler registered with the others, and
/// nothing else (no switch on the kind anywhere else). What a kind's steps are is its handler's to say.
/// </summary>
public sealed class OperationKinds(IEnumerable<OperationHandler> handlers)
{
    private readonly Dictionary<OperationKind, OperationHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    public OperationHandler HandlerOf(OperationKind kind) => _handlers[kind];

    public IReadOnlyList<ProvisioningStep> StepsOf(OperationKind kind) => _handlers[kind].Steps;
}
