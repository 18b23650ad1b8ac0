using System.ComponentModel;
using Spectre.Console.Cli;

namespace WarmRestarts.Cli.Commands;

/// <summary>What every schedule command takes: the spec, the number of steps, and the optimizer's base rates.</summary>
internal class SpecSettings : CommandSettings
{
    [CommandArgument(0, "[SPEC]")]
    [Description("The schedule as spec text, e.g. \"torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2)\" or \"warm_restarts(peak=0.1, first_cycle=10)\".")]
    public string? Spec { get; init; }

    [CommandOption("-n|--steps <N>")]
    [TypeConverter(typeof(Options.StepsConverter))]
    [Description("How many points: t = 0..N-1 (t = k is the value after k scheduler steps).")]
    public long? Steps { get; init; }

    [CommandOption("--lr <RATE>")]
    [TypeConverter(typeof(Options.RateConverter))]
    [Description("The optimizer's base rate (one parameter group). PyTorch/timm specs scale from it; native specs have absolute rates. Default 0.1.")]
    public double? Lr { get; init; }

    [CommandOption("--lrs <RATES>")]
    [Description("One base rate per parameter group, comma-separated, e.g. 0.1,0.01.")]
    public string? Lrs { get; init; }

    /// <summary>The message when both --lr and --lrs are given.</summary>
    internal const string BothRates = "--lr and --lrs were both given (give one, not both); keep --lr for one group, or --lrs for one rate per group";

    public override Spectre.Console.ValidationResult Validate()
    {
        if (!SpecOptional && string.IsNullOrWhiteSpace(Spec))
        {
            return Spectre.Console.ValidationResult.Error("missing SPEC; give the schedule as spec text, e.g. \"warm_restarts(peak=0.1, first_cycle=10)\"");
        }

        if (!SpecOptional && Steps is null)
        {
            return Spectre.Console.ValidationResult.Error("missing --steps; give the number of points, e.g. --steps 100");
        }

        if (Lr is not null && Lrs is not null)
        {
            return Spectre.Console.ValidationResult.Error(BothRates);
        }

        return Spectre.Console.ValidationResult.Success();
    }

    /// <summary>Whether SPEC and --steps may be left out (batch mode).</summary>
    protected virtual bool SpecOptional => false;
}
