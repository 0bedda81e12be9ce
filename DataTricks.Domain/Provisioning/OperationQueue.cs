using System.Threading.Channels;

namespace DataTricks.Domain.Provisioning;

/// <summary>Hands a newly stored operation to this process's worker at once. Losing it is harmless: the sweep finds it.</summary>
public sealed class OperationQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<Guid> Reader => _channel.Reader;

    public void Enqueue(Guid operationId) => _channel.Writer.TryWrite(operationId);
}
