namespace WarmRestarts.TorchSharp.Training;

/// <summary>
/// Training cannot start or go on: invalid options, a checkpoint that does not match, an unwritable output folder,
/// or a diverged loss. The message is one line that says what is wrong and what to do.
/// </summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what is wrong and what to do.</param>
    public TrainingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
