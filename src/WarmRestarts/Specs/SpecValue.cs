namespace WarmRestarts.Specs;

/// <summary>
/// A value in spec text (Python call syntax): a number, string, Boolean, <c>None</c>, name, list, dict or call.
/// </summary>
/// <param name="Position">Zero-based offset of the value in the spec text, for error messages.</param>
public abstract record SpecValue(int Position)
{
    /// <summary>What kind of value this is, in the words error messages use: "a number", "a list", ….</summary>
    public abstract string Kind { get; }
}

/// <summary>A number. Integers written without a fraction or exponent keep <see cref="IsInteger"/>.</summary>
/// <param name="Position">Offset in the spec text.</param>
/// <param name="Value">The value.</param>
/// <param name="IsInteger">Whether it was written (or computed) as a Python <c>int</c>.</param>
public sealed record SpecNumber(int Position, double Value, bool IsInteger) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => IsInteger ? "an integer" : "a number";
}

/// <summary>A string in single or double quotes.</summary>
/// <param name="Position">Offset in the spec text.</param>
/// <param name="Value">The unescaped text.</param>
public sealed record SpecString(int Position, string Value) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => "a string";
}

/// <summary><c>True</c> or <c>False</c>.</summary>
/// <param name="Position">Offset in the spec text.</param>
/// <param name="Value">The value.</param>
public sealed record SpecBool(int Position, bool Value) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => "a Boolean";
}

/// <summary><c>None</c>.</summary>
/// <param name="Position">Offset in the spec text.</param>
public sealed record SpecNone(int Position) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => "None";
}

/// <summary>A bare (possibly dotted) name that is not called, such as <c>optimizer</c>.</summary>
/// <param name="Position">Offset in the spec text.</param>
/// <param name="Name">The name.</param>
public sealed record SpecName(int Position, string Name) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => "a name";
}

/// <summary>A list <c>[a, b]</c> or tuple <c>(a, b)</c>.</summary>
/// <param name="Position">Offset in the spec text.</param>
/// <param name="Items">The items.</param>
public sealed record SpecList(int Position, IReadOnlyList<SpecValue> Items) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => "a list";
}

/// <summary>A dict <c>{k: v, …}</c>, entries in written order.</summary>
/// <param name="Position">Offset in the spec text.</param>
/// <param name="Entries">The entries.</param>
public sealed record SpecDict(int Position, IReadOnlyList<KeyValuePair<SpecValue, SpecValue>> Entries) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => "a dict";
}

/// <summary>A call <c>name(positional…, keyword=value…)</c>.</summary>
/// <param name="Position">Offset of the name in the spec text.</param>
/// <param name="Name">The (possibly dotted) name, e.g. <c>torch.CosineAnnealingWarmRestarts</c>.</param>
/// <param name="Arguments">Positional arguments.</param>
/// <param name="KeywordArguments">Keyword arguments, in written order.</param>
public sealed record SpecCall(int Position, string Name, IReadOnlyList<SpecValue> Arguments, IReadOnlyList<SpecKeywordArgument> KeywordArguments) : SpecValue(Position)
{
    /// <inheritdoc />
    public override string Kind => "a call";
}

/// <summary>A keyword argument <c>name=value</c>.</summary>
/// <param name="Position">Offset of the name.</param>
/// <param name="Name">The keyword.</param>
/// <param name="Value">The value.</param>
public sealed record SpecKeywordArgument(int Position, string Name, SpecValue Value);
