using System.Globalization;

namespace WarmRestarts.Specs;

/// <summary>
/// Reads the arguments of one spec call against its parameter list: unknown keywords (with a suggestion), too many
/// positional arguments and wrong types are reported with the position of the offending argument.
/// </summary>
internal sealed class CallReader
{
    private readonly Dictionary<string, SpecValue> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CallReader(SpecCall call, string displayName, IReadOnlyList<string> parameters)
    {
        Call = call;
        DisplayName = displayName;
        Parameters = parameters;
        if (call.Arguments.Count > parameters.Count)
        {
            var extra = call.Arguments[parameters.Count];
            throw new SpecException(extra.Position, $"{displayName} takes at most {parameters.Count} positional arguments ({string.Join(", ", parameters)}), but {call.Arguments.Count} were given; name the arguments (keyword=value)");
        }

        for (var i = 0; i < call.Arguments.Count; i++)
        {
            _values[parameters[i]] = call.Arguments[i];
        }

        foreach (var keyword in call.KeywordArguments)
        {
            if (!parameters.Contains(keyword.Name))
            {
                throw new SpecException(keyword.Position, $"unknown parameter '{keyword.Name}' for {displayName}{NameSuggestion.Hint(keyword.Name, [.. parameters])}");
            }

            if (_values.ContainsKey(keyword.Name))
            {
                throw new SpecException(keyword.Position, $"parameter '{keyword.Name}' of {displayName} is given both by position and by name; give it once");
            }

            _values[keyword.Name] = keyword.Value;
        }
    }

    public SpecCall Call { get; }

    /// <summary>The canonical text of the call: the display name and every given argument by keyword, in parameter order.</summary>
    /// <param name="overrides">Canonical text for arguments bound elsewhere (nested schedules).</param>
    public string Canonical(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var parts = Parameters
            .Where(p => _values.TryGetValue(p, out var v) && v is not SpecNone)
            .Select(p => p + "=" + (overrides is not null && overrides.TryGetValue(p, out var text) ? text : SpecText.Format(_values[p])));
        return DisplayName + "(" + string.Join(", ", parts) + ")";
    }

    public string DisplayName { get; }

    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Whether the argument was given (and is not <c>None</c>).</summary>
    public bool Has(string name) => _values.TryGetValue(name, out var value) && value is not SpecNone;

    /// <summary>The raw value, or null when not given.</summary>
    public SpecValue? Raw(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>The position of the argument, or of the call when it was not given.</summary>
    public int PositionOf(string name) => _values.TryGetValue(name, out var value) ? value.Position : Call.Position;

    public SpecException Error(string name, string detail) => new(PositionOf(name), $"{name} of {DisplayName}: {detail}");

    public SpecException Missing(string name, string example) =>
        new(Call.Position, $"{DisplayName} needs {name}; add {name}={example}");

    public double Number(string name, double fallback) => OptionalNumber(name) ?? fallback;

    public double RequiredNumber(string name, string example) => OptionalNumber(name) ?? throw Missing(name, example);

    public double? OptionalNumber(string name) => Raw(name) switch
    {
        null or SpecNone => null,
        SpecNumber number => number.Value,
        SpecBool flag => flag.Value ? 1 : 0,
        var other => throw WrongType(name, "a number", other),
    };

    public long Integer(string name, long fallback) => OptionalInteger(name) ?? fallback;

    public long RequiredInteger(string name, string example) => OptionalInteger(name) ?? throw Missing(name, example);

    public long? OptionalInteger(string name)
    {
        var raw = Raw(name);
        return raw switch
        {
            null or SpecNone => null,
            SpecNumber { IsInteger: true } number when Math.Abs(number.Value) <= Schedule.MaxProgress => (long)number.Value,
            SpecNumber number => throw Error(name, $"expected an integer, but got {Show(number)}; write it without a fraction, e.g. {Math.Round(number.Value).ToString(CultureInfo.InvariantCulture)}"),
            var other => throw WrongType(name, "an integer", other),
        };
    }

    /// <summary>A number that the upstream accepts as a Python int or float.</summary>
    public SpecNumber? OptionalNumberValue(string name) => Raw(name) switch
    {
        null or SpecNone => null,
        SpecNumber number => number,
        var other => throw WrongType(name, "a number", other),
    };

    public bool Bool(string name, bool fallback) => Raw(name) switch
    {
        null or SpecNone => fallback,
        SpecBool flag => flag.Value,
        var other => throw WrongType(name, "True or False", other),
    };

    public string Choice(string name, string fallback, params string[] choices)
    {
        var raw = Raw(name);
        switch (raw)
        {
            case null or SpecNone:
                return fallback;
            case SpecString text when choices.Contains(text.Value, StringComparer.Ordinal):
                return text.Value;
            case SpecString text:
                throw Error(name, $"expected one of {string.Join(", ", choices.Select(c => "'" + c + "'"))}, but got '{text.Value}'{NameSuggestion.Hint(text.Value, choices).Replace("; valid:", "; choose from", StringComparison.Ordinal)}");
            default:
                throw WrongType(name, "a string", raw);
        }
    }

    /// <summary>A list of numbers; a single number is read as a one-item list when <paramref name="allowScalar"/>.</summary>
    public IReadOnlyList<SpecNumber>? OptionalNumbers(string name, bool allowScalar)
    {
        var raw = Raw(name);
        return raw switch
        {
            null or SpecNone => null,
            SpecNumber number when allowScalar => [number],
            SpecList list => [.. list.Items.Select(item => item as SpecNumber ?? throw new SpecException(item.Position, $"{name} of {DisplayName}: expected a list of numbers, but an item is {item.Kind}; give numbers only, e.g. [30, 60]"))],
            var other => throw WrongType(name, allowScalar ? "a number or a list of numbers" : "a list of numbers", other),
        };
    }

    public IReadOnlyList<SpecValue>? OptionalList(string name) => Raw(name) switch
    {
        null or SpecNone => null,
        SpecList list => list.Items,
        var other => throw WrongType(name, "a list", other),
    };

    public SpecException WrongType(string name, string expected, SpecValue given) =>
        new(given.Position, $"{name} of {DisplayName}: expected {expected}, but got {Show(given)}; {Advice(name, expected, given)}");

    private static string Advice(string name, string expected, SpecValue given) => given switch
    {
        SpecString when expected.Contains("number", StringComparison.Ordinal) || expected.Contains("integer", StringComparison.Ordinal) => "remove the quotes and write the number itself",
        SpecCall call when expected.Contains("number", StringComparison.Ordinal) => $"write the number itself ({call.Name}(…) is not evaluated in a spec)",
        _ => $"give {name} as {expected}",
    };

    internal static string Show(SpecValue value) => value switch
    {
        SpecNumber number => number.IsInteger ? number.Value.ToString("R", CultureInfo.InvariantCulture) : SpecWriter.FormatNumber(number.Value),
        SpecString text => $"'{text.Value}'",
        SpecBool flag => flag.Value ? "True" : "False",
        SpecNone => "None",
        SpecName n => n.Name,
        SpecCall call => call.Name + "(…)",
        _ => value.Kind,
    };
}
