using System.Runtime.InteropServices;

namespace WarmRestarts.TorchSharp.Tests;

[Collection(TorchSerial.Name)]
public sealed partial class TorchEnvironmentTests
{
    [Fact]
    public void Passive_waiting_reaches_the_C_environment_that_OpenMP_reads()
    {
        var before = Environment.GetEnvironmentVariable(TorchEnvironment.WaitPolicyVariable);
        try
        {
            Assert.Equal(0, UnsetEnv(TorchEnvironment.WaitPolicyVariable));
            Environment.SetEnvironmentVariable(TorchEnvironment.WaitPolicyVariable, null);
            Assert.Equal(IntPtr.Zero, GetEnv(TorchEnvironment.WaitPolicyVariable));

            Assert.Equal("PASSIVE", TorchEnvironment.PreferPassiveWaiting());

            Assert.Equal("PASSIVE", Marshal.PtrToStringUTF8(GetEnv(TorchEnvironment.WaitPolicyVariable)));
            Assert.Equal("PASSIVE", Environment.GetEnvironmentVariable(TorchEnvironment.WaitPolicyVariable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(TorchEnvironment.WaitPolicyVariable, before);
        }
    }

    [Fact]
    public void A_policy_the_user_set_is_kept()
    {
        var before = Environment.GetEnvironmentVariable(TorchEnvironment.WaitPolicyVariable);
        try
        {
            Environment.SetEnvironmentVariable(TorchEnvironment.WaitPolicyVariable, "ACTIVE");
            Assert.Equal("ACTIVE", TorchEnvironment.PreferPassiveWaiting());
        }
        finally
        {
            Environment.SetEnvironmentVariable(TorchEnvironment.WaitPolicyVariable, before);
        }
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);
}
