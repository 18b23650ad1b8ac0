using BenchmarkDotNet.Running;
using WarmRestarts.TorchSharp;

namespace WarmRestarts.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/WarmRestarts.Benchmarks -- [BenchmarkDotNet arguments]</c> runs the
/// BenchmarkDotNet suites (e.g. <c>--filter '*SchedulerStep*'</c>); <c>-- trainer-speed [options]</c> measures the
/// Trainer against a hand-written TorchSharp loop (see <see cref="TrainerSpeed"/>); <c>-- trainer-ops [options]</c> times
/// each operation of the MLP's loop against PyTorch (see <see cref="TrainerOps"/>).
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">The mode and its arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args)
    {
        TorchEnvironment.PreferPassiveWaiting();
        if (args.Length > 0 && args[0] == "trainer-speed")
        {
            return TrainerSpeed.RunCommand(args[1..]);
        }

        if (args.Length > 0 && args[0] == "trainer-ops")
        {
            return TrainerOps.RunCommand(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
