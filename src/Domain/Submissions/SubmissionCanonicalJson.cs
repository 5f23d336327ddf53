using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// The canonical JSON of a submission, whose SHA-256 is printed on the PDF, so that the same
/// answers always give the same hash whatever key order, spacing or number spelling the
/// client used. The form follows RFC 8785 (JSON Canonicalization Scheme):
/// <list type="bullet">
/// <item>one object with <c>agreementId</c>, <c>answers</c>, <c>notAvailable</c> and <c>questionnaireVersion</c>;
/// the token and the language are left out because they do not change what was declared;</item>
/// <item>object keys sorted by UTF-16 code units (ordinal) at every level, and no whitespace;</item>
/// <item>strings as validated (trimmed, NFC), escaping only <c>"</c>, <c>\</c> and control characters;</item>
/// <item>numbers without trailing zeros or exponent (1.50 → 1.5, 42.0 → 42);</item>
/// <item>multi answers as arrays of codes sorted ordinally, because their order carries no meaning;</item>
/// <item>periods as <c>{"from":"yyyy-MM-dd","to":"yyyy-MM-dd"}</c>.</item>
/// </list>
/// </summary>
public static class SubmissionCanonicalJson
{
    /// <summary>Writes the canonical JSON of validated answers.</summary>
    public static string Write(
        string agreementId,
        string questionnaireVersion,
        IReadOnlyDictionary<string, AnswerValue> answers,
        IReadOnlyDictionary<string, string> notAvailable)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(notAvailable);

        var builder = new StringBuilder();
        builder.Append("{\"agreementId\":");
        AppendString(builder, agreementId);

        builder.Append(",\"answers\":{");
        bool first = true;
        foreach (KeyValuePair<string, AnswerValue> answer in answers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            AppendSeparator(builder, ref first);
            AppendString(builder, answer.Key);
            builder.Append(':');
            AppendValue(builder, answer.Value);
        }

        builder.Append("},\"notAvailable\":{");
        first = true;
        foreach (KeyValuePair<string, string> reason in notAvailable.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            AppendSeparator(builder, ref first);
            AppendString(builder, reason.Key);
            builder.Append(':');
            AppendString(builder, reason.Value);
        }

        builder.Append("},\"questionnaireVersion\":");
        AppendString(builder, questionnaireVersion);
        builder.Append('}');
        return builder.ToString();
    }

    /// <summary>Returns the SHA-256 of the UTF-8 bytes of a text, as 64 lowercase hex digits.</summary>
    public static string ComputeSha256(string canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(canonicalJson);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson));
        return Convert.ToHexStringLower(hash);
    }

    private static void AppendValue(StringBuilder builder, AnswerValue value)
    {
        switch (value)
        {
            case NumberAnswer number:
                builder.Append(LocalFormat.Normalize(number.Value) == 0 ? "0" : LocalFormat.Normalize(number.Value).ToString(CultureInfo.InvariantCulture));
                break;
            case BooleanAnswer boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            case LikertAnswer likert:
                builder.Append(likert.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case OptionAnswer option:
                AppendString(builder, option.Code);
                break;
            case OptionsAnswer options:
                builder.Append('[');
                bool first = true;
                foreach (string code in options.Codes.Order(StringComparer.Ordinal))
                {
                    AppendSeparator(builder, ref first);
                    AppendString(builder, code);
                }

                builder.Append(']');
                break;
            case TextAnswer text:
                AppendString(builder, text.Text);
                break;
            case PeriodAnswer period:
                builder.Append("{\"from\":");
                AppendString(builder, period.From.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
                builder.Append(",\"to\":");
                AppendString(builder, period.To.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
                builder.Append('}');
                break;
            default:
                throw new ArgumentException($"The answer type {value.GetType().Name} has no canonical form.", nameof(value));
        }
    }

    private static void AppendSeparator(StringBuilder builder, ref bool first)
    {
        if (!first)
        {
            builder.Append(',');
        }

        first = false;
    }

    /// <summary>Appends a JSON string escaped as RFC 8785 requires: short escapes where JSON has them, \u00xx for other controls.</summary>
    private static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (char character in text)
        {
            switch (character)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(character);
                    break;
            }
        }

        builder.Append('"');
    }
}
