namespace DataTricks.Domain.Cloud;

/// <summary>A fault of the cloud, with a code and a message fit to show the customer.</summary>
public abstract class CloudException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Throttling, a timeout, a blip: the same call may well succeed later.</summary>
public sealed class TransientCloudException(string code, string message) : CloudException(code, message);

/// <summary>Quota, permissions, an unsupported configuration: retrying the same call will not help.</summary>
public sealed class PermanentCloudException(string code, string message) : CloudException(code, message);
