using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace DataTricks.Portal.Hosting;

/// <summary>The <c>DataProtection</c> section: how the keys that sign cookies and access tokens are protected in the database.</summary>
public sealed class DataProtectionKeyOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts every key written to the database; every node needs the same one.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Lets a Production node keep its keys unencrypted: only where the database itself is protected some other way.</summary>
    public bool AllowUnprotectedKeys { get; set; }
}

public static class DataProtectionKeys
{
    /// <summary>
    /// Encrypts the keys at rest with the configured certificate: whoever reads the database must not be able to forge a
    /// cookie or an access token. A Production node without a certificate refuses to start unless told otherwise.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DataProtectionKeyOptions.Section).Get<DataProtectionKeyOptions>() ?? new DataProtectionKeyOptions();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
            return builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword));
        if (environment.IsProduction() && !options.AllowUnprotectedKeys)
            throw new InvalidOperationException(
                "The data-protection keys would be stored unencrypted, so anyone who reads the database could forge cookies and access tokens. " +
                "Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to a .pfx every node shares, " +
                "or DataProtection:AllowUnprotectedKeys=true if the database is protected some other way.");
        return builder;
    }
}
