namespace BalancFunctions.Functions.Configuration;

/// <summary>
/// Where the app keeps its records and PDFs. Locally a connection string (Azurite); in Azure
/// the service URIs with a managed identity, never a key.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "BalancStorage";

    /// <summary>A connection string; used when set, for Azurite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service URI, for identity-based access.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The Blob service URI, for identity-based access.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The client id of the user-assigned managed identity; empty for the default credential chain.</summary>
    public string? ClientId { get; set; }

    /// <summary>The table of agreements, their submissions and their lifecycle log.</summary>
    public string AgreementsTable { get; set; } = "agreements";

    /// <summary>The table of the OTPC's read model: list rows per filter, counters and projection records.</summary>
    public string IndexTable { get; set; } = "agreementindex";

    /// <summary>The blob container of the balance PDFs.</summary>
    public string PdfContainer { get; set; } = "balances";
}

/// <summary>The SMTP server that sends reminders and escalations.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>"None", "StartTls", "SslOnConnect" or "Auto" (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "balanc@example.org";

    public string FromName { get; set; } = "Balanç Comunitari · Patrimoni Ciutadà";

    /// <summary>Seconds to wait for the server before a send fails.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>The office that supports the entities (OTPC): where escalations go.</summary>
public sealed class OtpcOptions
{
    public const string Section = "Otpc";

    /// <summary>The mailbox that receives escalations.</summary>
    public string EscalationEmail { get; set; } = "otpc@example.org";

    /// <summary>The language of the e-mails the office reads: "ca" (default) or "es".</summary>
    public string Language { get; set; } = "ca";
}

/// <summary>Public addresses used in links inside e-mails, PDFs and receipts.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The base address of the static site that hosts the form and the dashboard.</summary>
    public Uri SiteBaseUrl { get; set; } = new("http://127.0.0.1:7071/");

    /// <summary>The base address of this API, for links to PDFs.</summary>
    public Uri ApiBaseUrl { get; set; } = new("http://127.0.0.1:7071/");
}

/// <summary>The key that signs the entities' submission tokens.</summary>
public sealed class TokenOptions
{
    public const string Section = "SubmissionTokens";

    /// <summary>At least 32 bytes, base64-encoded. In Azure it comes from Key Vault.</summary>
    public string SigningKey { get; set; } = string.Empty;
}
