namespace WarmRestarts.Scheduling;

/// <summary>
/// Thrown by <see cref="GroupScheduler.LoadState"/> when the saved state cannot be loaded: it is not the JSON that
/// <see cref="GroupScheduler.SaveState"/> wrote (malformed, truncated, edited, another format version), or it was
/// saved for a different schedule setup. The message is one line; nothing was applied.
/// </summary>
public sealed class SchedulerStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchedulerStateException()
        : base("scheduler state could not be loaded")
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public SchedulerStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause, e.g. the JSON parser's exception.</param>
    public SchedulerStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
