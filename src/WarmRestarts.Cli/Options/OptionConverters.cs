using System.ComponentModel;
using System.Globalization;

namespace WarmRestarts.Cli.Options;

/// <summary>
/// Reads an option's text as a number and, when it is not one, raises a <see cref="CliUsageException"/> that names
/// the option, what it expects and what to do (Spectre's own message names only the .NET type).
/// </summary>
internal abstract class OptionConverter(string option, string expected, string example) : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        var text = value as string ?? string.Empty;
        return Read(text.Trim()) ?? throw new CliUsageException($"{option} expects {expected}, but was '{text}'; give e.g. {option} {example}");
    }

    protected abstract object? Read(string text);
}

/// <summary>A whole number of points or steps (<c>--steps</c>).</summary>
internal sealed class StepsConverter() : OptionConverter("--steps", "a whole number of points", "100")
{
    protected override object? Read(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>A whole number of steps per epoch (<c>--steps-per-epoch</c>).</summary>
internal sealed class StepsPerEpochConverter() : OptionConverter("--steps-per-epoch", "a whole number of steps", "469")
{
    protected override object? Read(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>A learning rate (<c>--lr</c>); range checks come later, with the spec.</summary>
internal sealed class RateConverter() : OptionConverter("--lr", "a number such as 0.1", "0.1")
{
    protected override object? Read(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null;
}

/// <summary>A whole number option of <c>train</c> (<c>int</c>).</summary>
internal abstract class IntegerOptionConverter(string option, string example) : OptionConverter(option, "a whole number", example)
{
    protected override object? Read(string text) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>A real number option of <c>train</c>.</summary>
internal abstract class RealOptionConverter(string option, string example) : OptionConverter(option, "a number", example)
{
    protected override object? Read(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null;
}

/// <summary><c>--epochs</c>.</summary>
internal sealed class EpochsConverter() : IntegerOptionConverter("--epochs", "14");

/// <summary><c>--snapshots</c>.</summary>
internal sealed class SnapshotsConverter() : IntegerOptionConverter("--snapshots", "3");

/// <summary><c>--batch-size</c>.</summary>
internal sealed class BatchSizeConverter() : IntegerOptionConverter("--batch-size", "128");

/// <summary><c>--threads</c>.</summary>
internal sealed class ThreadsConverter() : IntegerOptionConverter("--threads", "2");

/// <summary><c>--seed</c>.</summary>
internal sealed class SeedConverter() : OptionConverter("--seed", "a whole number", "0")
{
    protected override object? Read(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary><c>--momentum</c>.</summary>
internal sealed class MomentumConverter() : RealOptionConverter("--momentum", "0.9");

/// <summary><c>--weight-decay</c>.</summary>
internal sealed class WeightDecayConverter() : RealOptionConverter("--weight-decay", "5e-4");
