namespace WarmRestarts.Cli;

/// <summary>Bad input the user can fix (an option value, a file): exit code 2 with the one-line message.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliUsageException()
    {
    }
}
