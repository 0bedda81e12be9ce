using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace DataTricks.Domain.Events;

/// <summary>A place in a customer's event feed, opaque to clients: what <c>after</c> takes and <c>next</c> gives.</summary>
public readonly record struct EventCursor(long Position)
{
    public static EventCursor Start => new(0);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Position);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Null or empty is the start of the feed (its oldest kept event first).</summary>
    public static bool TryParse(string? text, out EventCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(text))
            return true;
        Span<byte> bytes = stackalloc byte[sizeof(long) + 2];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done || written != sizeof(long))
            return false;
        var position = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (position < 0)
            return false;
        cursor = new EventCursor(position);
        return true;
    }
}
