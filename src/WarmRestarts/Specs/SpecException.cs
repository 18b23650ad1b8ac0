namespace WarmRestarts.Specs;

/// <summary>
/// The one error spec text raises: a syntax error, an unknown name or parameter, or an argument the schedule
/// rejects. The message is one line that starts with the position.
/// </summary>
/// <remarks>
/// Example: <c>at 27: unknown parameter 'T_mul' for torch.CosineAnnealingWarmRestarts; did you mean 'T_mult'?</c>.
/// Use <see cref="Caret"/> to show the spec with a caret under the position.
/// </remarks>
public sealed class SpecException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="position">Zero-based offset in the spec text, or -1 when it applies to the whole spec.</param>
    /// <param name="detail">What is wrong and what to do, without the position.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SpecException(int position, string detail, Exception? innerException = null)
        : base(position >= 0 ? $"at {position}: {OneLine(detail)}" : OneLine(detail), innerException)
    {
        Position = position;
        Detail = OneLine(detail);
    }

    /// <summary>Creates the exception with no position.</summary>
    public SpecException()
        : this(-1, "invalid spec")
    {
    }

    /// <summary>Creates the exception with no position.</summary>
    /// <param name="message">The message.</param>
    public SpecException(string message)
        : this(-1, message)
    {
    }

    /// <summary>Creates the exception with no position.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SpecException(string message, Exception innerException)
        : this(-1, message, innerException)
    {
    }

    /// <summary>The detail with line breaks (from strings quoted out of the spec) written as \n and \r: the message stays one line.</summary>
    private static string OneLine(string detail) =>
        detail.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Zero-based offset in the spec text where the problem is, or -1.</summary>
    public int Position { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Detail { get; }

    /// <summary>Two lines: the spec, and a caret under <see cref="Position"/> (just the spec when there is no position).</summary>
    /// <param name="spec">The spec text that raised this exception.</param>
    /// <returns>The text.</returns>
    public string Caret(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var oneLine = spec.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return Position < 0 ? oneLine : oneLine + "\n" + new string(' ', Math.Min(Position, oneLine.Length)) + "^";
    }
}
