using System.Reflection;
using PdfSharp.Fonts;

namespace BalancFunctions.Domain.Pdf;

/// <summary>
/// Font resolver that serves DejaVu Sans from this assembly's resources, because an Azure
/// Functions host has no system fonts. Every family name resolves to DejaVu Sans.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>The family name that the renderer requests.</summary>
    public const string FamilyName = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock RegistrationLock = new();
    private static readonly EmbeddedFontResolver Instance = new();
    private static bool registered;

    private readonly Lazy<byte[]> regularBytes = new(() => LoadFont(RegularFace));
    private readonly Lazy<byte[]> boldBytes = new(() => LoadFont(BoldFace));

    private EmbeddedFontResolver()
    {
    }

    /// <summary>
    /// Installs the resolver as PDFsharp's process-wide font resolver, once. PDFsharp accepts a
    /// resolver only once per process, so concurrent first callers wait on a lock.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another font resolver is already installed.</exception>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref registered))
        {
            return;
        }

        lock (RegistrationLock)
        {
            if (registered)
            {
                return;
            }

            IFontResolver? current = GlobalFontSettings.FontResolver;
            if (current is null)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
            else if (current is not EmbeddedFontResolver)
            {
                throw new InvalidOperationException(
                    $"PDFsharp already has the font resolver {current.GetType().FullName}, and it accepts only one per process. " +
                    "Remove that registration so that the balance PDF can use the embedded DejaVu Sans fonts.");
            }

            Volatile.Write(ref registered, true);
        }
    }

    /// <inheritdoc/>
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
    {
        // DejaVu Sans has no italic face here, so PDFsharp slants the glyphs when italic is requested.
        return new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    /// <inheritdoc/>
    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => this.regularBytes.Value,
        BoldFace => this.boldBytes.Value,
        _ => null,
    };

    private static byte[] LoadFont(string faceName)
    {
        string resourceName = $"Fonts.{faceName}.ttf";
        Assembly assembly = typeof(EmbeddedFontResolver).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded font resource '{resourceName}' is missing from {assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
