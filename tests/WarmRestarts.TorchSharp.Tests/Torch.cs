using System.Runtime.Versioning;
using TorchSharp;

[assembly: SupportedOSPlatform("linux")]

namespace WarmRestarts.TorchSharp.Tests;

/// <summary>Tests that use libtorch run one at a time (global seed, thread count).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchSerial
{
    public const string Name = "torch";
}

/// <summary>Loads TorchSharp once, with 2 intra-op threads.</summary>
internal static class Torch
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        torch.set_num_threads(2);
        return true;
    });

    public static void Init(long seed)
    {
        _ = Loaded.Value;
        torch.manual_seed(seed);
    }
}
