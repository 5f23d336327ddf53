namespace BalancFunctions.Domain.Submissions;

/// <summary>
/// A validated, normalised answer to one indicator. Each indicator type has one subtype:
/// <see cref="NumberAnswer"/> for int, decimal and pct, <see cref="BooleanAnswer"/>,
/// <see cref="LikertAnswer"/>, <see cref="OptionAnswer"/> for select,
/// <see cref="OptionsAnswer"/> for multi, <see cref="TextAnswer"/> and <see cref="PeriodAnswer"/>.
/// </summary>
public abstract record AnswerValue;

/// <summary>A number without trailing zeros in its scale (1.50 is stored as 1.5, 42.0 as 42).</summary>
public sealed record NumberAnswer(decimal Value) : AnswerValue;

/// <summary>A yes/no answer.</summary>
public sealed record BooleanAnswer(bool Value) : AnswerValue;

/// <summary>A value of the 1–5 agreement scale.</summary>
public sealed record LikertAnswer(int Value) : AnswerValue;

/// <summary>The code of the chosen option of a select indicator.</summary>
public sealed record OptionAnswer(string Code) : AnswerValue;

/// <summary>
/// The codes chosen in a multi indicator: distinct and sorted ordinally, because their order
/// carries no meaning. Two answers are equal when their codes are.
/// </summary>
public sealed record OptionsAnswer(IReadOnlyList<string> Codes) : AnswerValue
{
    /// <summary>Compares the codes one by one.</summary>
    public bool Equals(OptionsAnswer? other) => other is not null && this.Codes.SequenceEqual(other.Codes, StringComparer.Ordinal);

    /// <summary>Combines the hash codes of the codes.</summary>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (string code in this.Codes)
        {
            hash.Add(code, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A text, trimmed and in Unicode NFC.</summary>
public sealed record TextAnswer(string Text) : AnswerValue;

/// <summary>A period of whole days: <see cref="From"/> and <see cref="To"/> both included.</summary>
public sealed record PeriodAnswer(DateOnly From, DateOnly To) : AnswerValue;
