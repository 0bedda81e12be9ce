using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace DataTricks.Domain.Common;

/// <summary>
/// The position after the last item of a page (its timestamp and id), opaque to clients. Keyset paging keeps
/// every page one index seek however deep the client goes, and stays stable while rows are added.
/// </summary>
public readonly record struct PageToken(DateTimeOffset At, Guid Id)
{
    private const int Length = sizeof(long) + 16;

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[sizeof(long)..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string? text, out PageToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(text))
            return true;
        Span<byte> bytes = stackalloc byte[Length + 2];
        // The OperationStatus overload reports bad input instead of throwing, as the Try overload does.
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done || written != Length)
            return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        token = new PageToken(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.Slice(sizeof(long), 16)));
        return true;
    }
}
