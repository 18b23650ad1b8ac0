using System.Runtime.InteropServices;

namespace WarmRestarts.TorchSharp;

/// <summary>
/// Prepares the process for libtorch on a shared CPU: <c>OMP_WAIT_POLICY=PASSIVE</c>, so that idle OpenMP threads
/// sleep instead of spinning (spinning slowed training 8–40× when the two cores were shared).
/// </summary>
/// <remarks>
/// OpenMP reads the variable once, when libtorch loads, from the C environment; <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// does not reach it. Call <see cref="PreferPassiveWaiting"/> at the very start of a program, before any TorchSharp call.
/// </remarks>
public static partial class TorchEnvironment
{
    /// <summary>The environment variable OpenMP reads.</summary>
    public const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>
    /// Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the C environment (Linux and macOS) unless the user set a policy.
    /// </summary>
    /// <returns>The policy in force afterwards.</returns>
    public static string PreferPassiveWaiting()
    {
        var current = Environment.GetEnvironmentVariable(WaitPolicyVariable);
        if (!string.IsNullOrEmpty(current))
        {
            return current;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetEnv(WaitPolicyVariable, "PASSIVE", 0);
        }

        Environment.SetEnvironmentVariable(WaitPolicyVariable, "PASSIVE");
        return "PASSIVE";
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
