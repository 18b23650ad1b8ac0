namespace WarmRestarts;

/// <summary>
/// Thrown when a schedule, scheduler or one of their options is built with an invalid argument.
/// </summary>
/// <remarks>
/// The <see cref="Exception.Message"/> is one line that names the parameter, says what was expected and what
/// was given, and what to do, e.g.
/// <c>firstCycle must be a finite number greater than 0, but was 0; give the length of the first cycle (T_0) in the schedule's unit.</c>
/// It never depends on evaluation: every check runs when the object is built.
/// </remarks>
public sealed class ScheduleArgumentException : ArgumentException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The offending parameter.</param>
    /// <param name="message">The full one-line message.</param>
    public ScheduleArgumentException(string parameterName, string message)
        : base(message, parameterName) => _message = message;

    /// <summary>Creates the exception with no parameter name.</summary>
    public ScheduleArgumentException()
        : this("value", "invalid schedule argument")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The full one-line message.</param>
    public ScheduleArgumentException(string message)
        : this("value", message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The full one-line message.</param>
    /// <param name="innerException">The cause.</param>
    public ScheduleArgumentException(string message, Exception innerException)
        : base(message, innerException) => _message = message;

    /// <summary>The one-line message, without the "(Parameter ...)" suffix that <see cref="ArgumentException"/> adds.</summary>
    public override string Message => _message;
}
