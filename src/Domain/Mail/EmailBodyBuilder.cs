using System.Globalization;
using System.Net;
using System.Text;

namespace BalancFunctions.Domain.Mail;

/// <summary>
/// Writes the plain-text and HTML bodies of one e-mail from the same blocks, so that both carry
/// the same content. Every text passed in is plain text, and the HTML body encodes all of it.
/// </summary>
internal sealed class EmailBodyBuilder
{
    private readonly string subject;
    private readonly StringBuilder text = new();
    private readonly StringBuilder html = new();

    public EmailBodyBuilder(Language language, string subject)
    {
        this.subject = subject;
        this.html.Append("<!DOCTYPE html>\n")
            .Append("<html lang=\"").Append(language.ToCode()).Append("\">\n")
            .Append("<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>").Append(Encode(subject)).Append("</title>\n")
            .Append("</head>\n<body>\n");
    }

    /// <summary>Adds the top-level heading of the message.</summary>
    public EmailBodyBuilder Heading(string heading)
    {
        this.text.Append(heading).Append("\n\n");
        this.html.Append("<h1>").Append(Encode(heading)).Append("</h1>\n");
        return this;
    }

    public EmailBodyBuilder Paragraph(string paragraph)
    {
        this.text.Append(paragraph).Append("\n\n");
        this.html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
        return this;
    }

    /// <summary>
    /// Adds a link. The text body writes <paramref name="introduction"/> and then the address on a
    /// line of its own. The HTML body links <paramref name="linkText"/>, which names the link's target.
    /// </summary>
    public EmailBodyBuilder Link(string introduction, string linkText, Uri address)
    {
        this.text.Append(introduction).Append('\n').Append(address.AbsoluteUri).Append("\n\n");
        this.html.Append("<p><a href=\"").Append(Encode(address.AbsoluteUri)).Append("\">")
            .Append(Encode(linkText)).Append("</a></p>\n");
        return this;
    }

    /// <summary>Adds numbered steps: "1. step" lines, or an ordered list in HTML.</summary>
    public EmailBodyBuilder NumberedList(params string[] items)
    {
        this.html.Append("<ol>\n");
        for (int index = 0; index < items.Length; index++)
        {
            this.text.Append((index + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(items[index]).Append('\n');
            this.html.Append("<li>").Append(Encode(items[index])).Append("</li>\n");
        }

        this.text.Append('\n');
        this.html.Append("</ol>\n");
        return this;
    }

    /// <summary>Adds label and value pairs: "Label: value" lines, or a description list in HTML.</summary>
    public EmailBodyBuilder Fields(IEnumerable<(string Label, string Value)> fields)
    {
        this.html.Append("<dl>\n");
        foreach ((string label, string value) in fields)
        {
            this.text.Append(label).Append(": ").Append(value).Append('\n');
            this.html.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
        }

        this.text.Append('\n');
        this.html.Append("</dl>\n");
        return this;
    }

    /// <summary>Adds the closing lines, such as a salutation and the sender's name.</summary>
    public EmailBodyBuilder Closing(params string[] lines)
    {
        this.text.AppendJoin('\n', lines).Append('\n');
        this.html.Append("<p>").AppendJoin("<br>\n", lines.Select(Encode)).Append("</p>\n");
        return this;
    }

    public EmailContent Build() =>
        new(this.subject, this.text.ToString().TrimEnd() + "\n", this.html.ToString() + "</body>\n</html>\n");

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
