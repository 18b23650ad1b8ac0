namespace WarmRestarts.TorchSharp.Data;

/// <summary>An IDX data file is missing, truncated or malformed. The message is one line naming the file and what to do.</summary>
public sealed class IdxFormatException : IOException
{
    /// <summary>Creates the exception.</summary>
    public IdxFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the file, the problem and the fix.</param>
    public IdxFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the file, the problem and the fix.</param>
    /// <param name="innerException">The cause.</param>
    public IdxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
