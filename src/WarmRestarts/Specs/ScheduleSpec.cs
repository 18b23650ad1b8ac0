namespace WarmRestarts.Specs;

/// <summary>
/// Spec text — schedules written as Python calls — to schedules: this library's own names
/// (<c>warm_restarts(peak=0.1, first_cycle=10, cycle_growth=2)</c>) and the upstream ones with their own argument
/// names and defaults (<c>torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2)</c>, <c>timm.…</c>,
/// <c>keras.…</c>, <c>optax.…</c>).
/// </summary>
/// <remarks>
/// Every error — syntax, unknown names or parameters (with the nearest valid name), wrong types, values a schedule
/// rejects — is a <see cref="SpecException"/> whose one-line message starts with its position in the text.
/// </remarks>
public static class ScheduleSpec
{
    /// <summary>Every schedule name the spec language knows (native and upstream), sorted.</summary>
    public static IReadOnlyList<string> Names => SpecBinder.Names;

    /// <summary>Parses spec text into a definition (per-group schedules, momentum, plateau, step limit).</summary>
    /// <param name="text">The spec text.</param>
    /// <returns>The definition; its <see cref="ScheduleDefinition.Spec"/> is the canonical text.</returns>
    /// <exception cref="SpecException">The text is not a valid spec.</exception>
    public static ScheduleDefinition Parse(string text) => SpecBinder.Bind(SpecParser.Parse(text)).ToDefinition();

    /// <summary>Parses spec text with absolute rates (native, Keras, optax) into its schedule.</summary>
    /// <param name="text">The spec text.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="SpecException">The text is not a valid spec, or its rates depend on an optimizer's base rates or a metric.</exception>
    public static Schedule ParseSchedule(string text)
    {
        var value = SpecParser.Parse(text);
        return SpecBinder.BindFixed(value, "a stand-alone schedule").Fixed!;
    }
}
