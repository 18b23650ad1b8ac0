namespace WarmRestarts.Specs;

/// <summary>Binds parsed spec calls to schedules: looks the name up, reads the arguments, builds, and reports errors at their position.</summary>
internal static partial class SpecBinder
{
    private static readonly (string Prefix, string Canonical)[] Aliases =
    [
        ("torch.optim.lr_scheduler.", "torch."),
        ("optim.lr_scheduler.", "torch."),
        ("lr_scheduler.", "torch."),
        ("timm.scheduler.", "timm."),
        ("tf.keras.optimizers.schedules.", "keras."),
        ("keras.optimizers.schedules.", "keras."),
        ("tf.keras.experimental.", "keras."),
        ("optax.schedules.", "optax."),
    ];

    private static readonly Dictionary<string, SpecFunction> Functions = Register();

    /// <summary>Every name the spec language knows, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Functions.Keys.Order(StringComparer.Ordinal)];

    public static Bound Bind(SpecValue value)
    {
        if (value is not SpecCall call)
        {
            throw new SpecException(value.Position, $"expected a schedule call, but got {CallReader.Show(value)}; write a call such as warm_restarts(peak=0.1, first_cycle=10)");
        }

        var name = Canonicalize(call.Name);
        if (!Functions.TryGetValue(name, out var function))
        {
            throw new SpecException(call.Position, $"unknown schedule '{call.Name}'{NameSuggestion.Hint(name, Suggestable(name))}");
        }

        // A pasted PyTorch/timm line passes the optimizer first: scheduler(optimizer, ...). It is not needed here.
        if ((name.StartsWith("torch.", StringComparison.Ordinal) || name.StartsWith("timm.", StringComparison.Ordinal))
            && call.Arguments.Count > 0 && call.Arguments[0] is SpecName)
        {
            call = call with { Arguments = [.. call.Arguments.Skip(1)] };
        }

        var reader = new CallReader(call, name, function.Parameters);
        try
        {
            return function.Bind(reader);
        }
        catch (ScheduleArgumentException error)
        {
            throw Translate(error, reader);
        }
    }

    /// <summary>Binds a nested schedule that must have absolute rates (inside a native or optax combinator).</summary>
    public static Bound BindFixed(SpecValue value, string context)
    {
        var bound = Bind(value);
        if (bound.Fixed is null || bound.Plateau is not null)
        {
            throw new SpecException(value.Position, $"{context} needs a schedule with absolute rates, but {bound.Spec} follows each group's base rate or a metric; use a native, keras. or optax. schedule there");
        }

        return bound;
    }

    /// <summary>Turns a schedule's own argument error into a spec error at the argument's position, in spec names.</summary>
    public static SpecException Translate(ScheduleArgumentException error, CallReader reader)
    {
        var parameter = error.ParamName ?? string.Empty;
        var snake = SpecText.Snake(parameter);
        // The schedules name their parameters in C# (firstCycle); the spec writes them in snake case (first_cycle).
        var message = CamelCase().Replace(error.Message, match => SpecText.Snake(match.Value));
        return new SpecException(reader.PositionOf(snake), $"{message.TrimEnd('.')} (in {reader.DisplayName})", error);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CamelCase();

    private static string Canonicalize(string name)
    {
        foreach (var (prefix, canonical) in Aliases)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return canonical + name[prefix.Length..];
            }
        }

        return name;
    }

    private static IReadOnlyCollection<string> Suggestable(string name)
    {
        var dot = name.LastIndexOf('.');
        var prefix = dot >= 0 ? name[..(dot + 1)] : string.Empty;
        var sameFamily = Names.Where(n => prefix.Length == 0 ? !n.Contains('.', StringComparison.Ordinal) : n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return NameSuggestion.Nearest(name, sameFamily) is not null ? sameFamily : Names;
    }

    private static Dictionary<string, SpecFunction> Register()
    {
        var functions = new Dictionary<string, SpecFunction>(StringComparer.Ordinal);
        foreach (var function in NativeSpecs.Functions().Concat(TorchSpecs.Functions()).Concat(TimmSpecs.Functions()).Concat(KerasSpecs.Functions()).Concat(OptaxSpecs.Functions()))
        {
            functions.Add(function.Name, function);
        }

        return functions;
    }
}
