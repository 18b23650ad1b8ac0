using System.Globalization;
using WarmRestarts.Cli.Commands;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Running;

/// <summary>Reads the inputs the commands share: spec text, step counts, number lists.</summary>
internal static class SpecInput
{
    /// <summary>The most steps any command evaluates; keeps memory and time bounded.</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>The most parameter groups a run may have.</summary>
    public const int MaxGroups = 1024;

    /// <summary>Parses a spec; a <see cref="SpecException"/> keeps the text (for the caret display).</summary>
    public static ScheduleDefinition Parse(string text)
    {
        try
        {
            return ScheduleSpec.Parse(text);
        }
        catch (SpecException error)
        {
            error.Data["spec"] = text;
            throw;
        }
    }

    /// <summary>Checks a step count against the global cap and the spec's own limit (OneCycleLR stops at total_steps + 1 points).</summary>
    public static string? CheckSteps(long steps, ScheduleDefinition? definition)
    {
        if (steps < 1)
        {
            return $"steps must be at least 1, but was {steps}; give the number of points to evaluate, e.g. --steps 100";
        }

        if (steps > MaxSteps)
        {
            return $"steps must be at most {MaxSteps}, but was {steps}; evaluate fewer points (or chosen points with \"at\")";
        }

        if (definition?.StepLimit is { } limit && steps > limit)
        {
            return $"{definition.Spec} can be evaluated at {limit} points (t = 0..{limit - 1}), but {steps} steps were asked; ask for at most {limit} steps or lengthen the schedule";
        }

        return null;
    }

    /// <summary>Parses a comma-separated list of finite numbers, e.g. <c>0.1,0.01</c>.</summary>
    public static double[] Numbers(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new CliUsageException($"{option} expects comma-separated finite numbers, but item {i} is '{parts[i]}'; give e.g. {option} 0.1,0.01 (no empty items, no spaces around the list)");
            }
        }

        return values;
    }

    /// <summary>The base rates from <c>--lr</c>/<c>--lrs</c>: one per group, 0.1 each by default (as many as the spec's per-group lists fix).</summary>
    public static double[] BaseRates(double? lr, string? lrs, ScheduleDefinition definition)
    {
        if (lr is not null && lrs is not null)
        {
            throw new CliUsageException(SpecSettings.BothRates);
        }

        var rates = lrs is not null ? Numbers(lrs, "--lrs") : lr is { } one ? [one] : Enumerable.Repeat(0.1, definition.GroupCount ?? 1).ToArray();
        return CheckBaseRates(rates, "--lrs");
    }

    public static double[] CheckBaseRates(double[] rates, string name)
    {
        if (rates.Length == 0 || rates.Length > MaxGroups)
        {
            throw new CliUsageException($"{name} must give 1 to {MaxGroups} base rates (one per parameter group), but gave {rates.Length}; give one rate per parameter group");
        }

        for (var i = 0; i < rates.Length; i++)
        {
            if (!double.IsFinite(rates[i]) || rates[i] < 0)
            {
                throw new CliUsageException($"{name}: base rate {i} must be a finite number >= 0, but was {Show(rates[i])}; give each group's learning rate, e.g. 0.1");
            }
        }

        return rates;
    }

    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
