using System.Globalization;
using System.Text;

namespace WarmRestarts.Specs;

/// <summary>
/// Parses spec text — Python call syntax — into <see cref="SpecValue"/> trees.
/// </summary>
/// <remarks>
/// Accepted: integers and reals (<c>10</c>, <c>0.1</c>, <c>1e-4</c>, <c>1_000</c>), strings in single or double
/// quotes, <c>True</c>/<c>False</c>/<c>None</c>, lists and tuples, dicts, calls with positional and keyword
/// arguments, dotted names, and arithmetic on numbers (<c>+ - * / // % **</c>, parentheses), evaluated as Python
/// does. A leading assignment (<c>scheduler = …</c>) is skipped, so a pasted Python line parses. Nesting is limited to
/// <see cref="MaxDepth"/> levels and text to <see cref="MaxLength"/> characters; anything else raises
/// <see cref="SpecException"/> and nothing else.
/// </remarks>
public static class SpecParser
{
    /// <summary>The deepest nesting of calls, lists and parentheses accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>The longest spec text accepted, in characters.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>Parses one value (usually a call) filling the whole text.</summary>
    /// <param name="text">The spec text.</param>
    /// <returns>The value tree.</returns>
    /// <exception cref="SpecException">The text is not a valid spec.</exception>
    public static SpecValue Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new SpecException(-1, $"spec text is {text.Length} characters long, more than the {MaxLength} allowed; shorten it");
        }

        var parser = new Parser(text);
        return parser.ParseSpec();
    }

    private sealed class Parser(string text)
    {
        private int _position;
        private int _depth;

        public SpecValue ParseSpec()
        {
            SkipSpace();
            if (_position >= text.Length)
            {
                throw new SpecException(-1, "the spec is empty; give a schedule such as warm_restarts(peak=0.1, floor=0.0, first_cycle=10, cycle_growth=2)");
            }

            SkipAssignment();
            var value = ParseExpression();
            SkipSpace();
            if (_position < text.Length)
            {
                throw new SpecException(_position, $"unexpected {Describe(_position)} after the end of the spec; remove it or join it with a comma inside the call");
            }

            return value;
        }

        private void SkipAssignment()
        {
            var start = _position;
            if (!IsNameStart(Peek()))
            {
                return;
            }

            ReadName();
            SkipSpace();
            if (Peek() == '=' && PeekAt(1) != '=')
            {
                _position++;
                SkipSpace();
                return;
            }

            _position = start;
        }

        private SpecValue ParseExpression()
        {
            Enter();
            var left = ParseTerm();
            while (true)
            {
                SkipSpace();
                var c = Peek();
                if (c != '+' && c != '-')
                {
                    break;
                }

                var at = _position++;
                var right = ParseTerm();
                left = Arithmetic(at, c.ToString(), left, right);
            }

            _depth--;
            return left;
        }

        private SpecValue ParseTerm()
        {
            var left = ParseUnary();
            while (true)
            {
                SkipSpace();
                string op;
                if (Peek() == '*' && PeekAt(1) != '*')
                {
                    op = "*";
                }
                else if (Peek() == '/' && PeekAt(1) == '/')
                {
                    op = "//";
                }
                else if (Peek() == '/')
                {
                    op = "/";
                }
                else if (Peek() == '%')
                {
                    op = "%";
                }
                else
                {
                    break;
                }

                var at = _position;
                _position += op.Length;
                var right = ParseUnary();
                left = Arithmetic(at, op, left, right);
            }

            return left;
        }

        private SpecValue ParseUnary()
        {
            SkipSpace();
            var c = Peek();
            if (c == '-' || c == '+')
            {
                var at = _position++;
                Enter();
                var operand = ParseUnary();
                _depth--;
                var number = RequireNumber(operand, c.ToString());
                return c == '-' ? new SpecNumber(at, -number.Value, number.IsInteger) : number with { Position = at };
            }

            return ParsePower();
        }

        private SpecValue ParsePower()
        {
            var baseValue = ParsePrimary();
            SkipSpace();
            if (Peek() == '*' && PeekAt(1) == '*')
            {
                var at = _position;
                _position += 2;
                Enter();
                var exponent = ParseUnary();
                _depth--;
                return Arithmetic(at, "**", baseValue, exponent);
            }

            return baseValue;
        }

        private SpecValue ParsePrimary()
        {
            SkipSpace();
            var start = _position;
            var c = Peek();
            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(PeekAt(1))))
            {
                return ReadNumber();
            }

            if (c == '\'' || c == '"')
            {
                return new SpecString(start, ReadString());
            }

            if (c == '[')
            {
                _position++;
                return new SpecList(start, ParseItems(']'));
            }

            if (c == '(')
            {
                _position++;
                Enter();
                SkipSpace();
                if (Peek() == ')')
                {
                    _position++;
                    _depth--;
                    return new SpecList(start, []);
                }

                var first = ParseExpression();
                SkipSpace();
                if (Peek() == ')')
                {
                    _position++;
                    _depth--;
                    return first;
                }

                Expect(',', "',' or ')'");
                var items = new List<SpecValue> { first };
                items.AddRange(ParseItems(')'));
                _depth--;
                return new SpecList(start, items);
            }

            if (c == '{')
            {
                _position++;
                return ParseDict(start);
            }

            if (IsNameStart(c))
            {
                var name = ReadName();
                switch (name)
                {
                    case "True": return new SpecBool(start, true);
                    case "False": return new SpecBool(start, false);
                    case "None": return new SpecNone(start);
                }

                SkipSpace();
                if (Peek() == '(')
                {
                    _position++;
                    return ParseCall(start, name);
                }

                return new SpecName(start, name);
            }

            if (_position >= text.Length)
            {
                throw new SpecException(_position, "the spec ends where a value is expected; complete it or remove the trailing operator or comma");
            }

            throw new SpecException(_position, $"unexpected {Describe(_position)} where a value is expected (a number, string, list, dict or call); give the value, or remove the extra comma or operator");
        }

        private SpecCall ParseCall(int start, string name)
        {
            Enter();
            var positional = new List<SpecValue>();
            var keywords = new List<SpecKeywordArgument>();
            SkipSpace();
            while (Peek() != ')')
            {
                SkipSpace();
                var argumentStart = _position;
                if (Peek() == ',')
                {
                    throw new SpecException(_position, $"unexpected ',' where an argument of {name} is expected; remove the extra comma or give the argument");
                }

                if (IsNameStart(Peek()))
                {
                    var keyword = ReadName();
                    SkipSpace();
                    if (Peek() == '=' && PeekAt(1) != '=')
                    {
                        if (keyword.Contains('.', StringComparison.Ordinal))
                        {
                            throw new SpecException(argumentStart, $"'{keyword}' cannot be a keyword; keywords are plain names such as T_0");
                        }

                        _position++;
                        if (keywords.Any(k => k.Name == keyword))
                        {
                            throw new SpecException(argumentStart, $"parameter '{keyword}' is given twice in {name}; keep one");
                        }

                        keywords.Add(new SpecKeywordArgument(argumentStart, keyword, ParseExpression()));
                        goto next;
                    }

                    _position = argumentStart;
                }

                if (keywords.Count > 0)
                {
                    throw new SpecException(argumentStart, $"positional argument after keyword arguments in {name}; name it (keyword=value) or move it first");
                }

                positional.Add(ParseExpression());
            next:
                SkipSpace();
                if (Peek() == ',')
                {
                    _position++;
                    SkipSpace();
                    continue;
                }

                if (Peek() != ')')
                {
                    ThrowExpected("',' or ')' to close " + name + "(");
                }
            }

            _position++;
            _depth--;
            return new SpecCall(start, name, positional, keywords);
        }

        private List<SpecValue> ParseItems(char close)
        {
            Enter();
            var items = new List<SpecValue>();
            SkipSpace();
            while (Peek() != close)
            {
                items.Add(ParseExpression());
                SkipSpace();
                if (Peek() == ',')
                {
                    _position++;
                    SkipSpace();
                    continue;
                }

                if (Peek() != close)
                {
                    ThrowExpected($"',' or '{close}'");
                }
            }

            _position++;
            _depth--;
            return items;
        }

        private SpecDict ParseDict(int start)
        {
            Enter();
            var entries = new List<KeyValuePair<SpecValue, SpecValue>>();
            SkipSpace();
            while (Peek() != '}')
            {
                var key = ParseExpression();
                SkipSpace();
                Expect(':', "':' after a dict key");
                var value = ParseExpression();
                entries.Add(new(key, value));
                SkipSpace();
                if (Peek() == ',')
                {
                    _position++;
                    SkipSpace();
                    continue;
                }

                if (Peek() != '}')
                {
                    ThrowExpected("',' or '}'");
                }
            }

            _position++;
            _depth--;
            return new SpecDict(start, entries);
        }

        private SpecNumber ReadNumber()
        {
            var start = _position;
            var digits = new StringBuilder();
            var isInteger = true;
            ReadDigits(digits);
            if (Peek() == '.')
            {
                isInteger = false;
                digits.Append('.');
                _position++;
                ReadDigits(digits);
            }

            if (Peek() is 'e' or 'E')
            {
                var save = _position;
                _position++;
                var exponent = new StringBuilder("e");
                if (Peek() is '+' or '-')
                {
                    exponent.Append(Peek());
                    _position++;
                }

                if (char.IsAsciiDigit(Peek()))
                {
                    ReadDigits(exponent);
                    digits.Append(exponent);
                    isInteger = false;
                }
                else
                {
                    _position = save;
                }
            }

            if (IsNameStart(Peek()))
            {
                throw new SpecException(_position, $"unexpected {Describe(_position)} right after the number {text[start.._position]}; separate them with a comma or an operator");
            }

            var value = double.Parse(digits.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(value))
            {
                throw new SpecException(start, $"the number {text[start.._position]} is too large for a double; give a smaller value");
            }

            return new SpecNumber(start, value, isInteger);
        }

        private void ReadDigits(StringBuilder into)
        {
            while (char.IsAsciiDigit(Peek()) || (Peek() == '_' && char.IsAsciiDigit(PeekAt(1)) && into.Length > 0))
            {
                if (Peek() != '_')
                {
                    into.Append(Peek());
                }

                _position++;
            }
        }

        private string ReadString()
        {
            var start = _position;
            var quote = text[_position++];
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= text.Length || text[_position] == '\n')
                {
                    throw new SpecException(start, $"the string starting here is not closed; end it with {quote}");
                }

                var c = text[_position++];
                if (c == quote)
                {
                    return value.ToString();
                }

                if (c == '\\' && _position < text.Length)
                {
                    var escaped = text[_position++];
                    value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => escaped });
                    continue;
                }

                value.Append(c);
            }
        }

        private string ReadName()
        {
            var start = _position;
            while (true)
            {
                while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
                {
                    _position++;
                }

                if (Peek() == '.' && IsNameStart(PeekAt(1)))
                {
                    _position++;
                    continue;
                }

                return text[start.._position];
            }
        }

        private static SpecNumber RequireNumber(SpecValue value, string op) =>
            value as SpecNumber ?? throw new SpecException(value.Position, $"'{op}' needs numbers, but got {value.Kind}; arithmetic works on numbers only");

        private static SpecNumber Arithmetic(int at, string op, SpecValue left, SpecValue right)
        {
            var a = RequireNumber(left, op);
            var b = RequireNumber(right, op);
            var bothIntegers = a.IsInteger && b.IsInteger;
            if (op is "/" or "//" or "%" && b.Value == 0)
            {
                throw new SpecException(at, $"division by zero in the spec; change the divisor");
            }

            var (value, isInteger) = op switch
            {
                "+" => (a.Value + b.Value, bothIntegers),
                "-" => (a.Value - b.Value, bothIntegers),
                "*" => (a.Value * b.Value, bothIntegers),
                "/" => (a.Value / b.Value, false),
                "//" => (Math.Floor(a.Value / b.Value), bothIntegers),
                "%" => (a.Value - (b.Value * Math.Floor(a.Value / b.Value)), bothIntegers),
                _ => (Math.Pow(a.Value, b.Value), bothIntegers && b.Value >= 0),
            };
            if (!double.IsFinite(value))
            {
                throw new SpecException(at, $"'{op}' gives a result that is not a finite number; change the operands");
            }

            return new SpecNumber(a.Position, value, isInteger);
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw new SpecException(_position, $"the spec nests deeper than {MaxDepth} levels; flatten it");
            }
        }

        private void Expect(char c, string what)
        {
            SkipSpace();
            if (Peek() != c)
            {
                ThrowExpected(what);
            }

            _position++;
            SkipSpace();
        }

        private void ThrowExpected(string what)
        {
            if (_position >= text.Length)
            {
                throw new SpecException(_position, $"the spec ends where {what} is expected; close what is open");
            }

            throw new SpecException(_position, $"expected {what}, but found {Describe(_position)}; add the missing comma or operator, or close what is open");
        }

        private string Describe(int at)
        {
            if (at >= text.Length)
            {
                return "the end of the spec";
            }

            var c = text[at];
            return char.IsControl(c) ? $"character U+{(int)c:X4}" : $"'{c}'";
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private char Peek() => _position < text.Length ? text[_position] : '\0';

        private char PeekAt(int offset) => _position + offset < text.Length ? text[_position + offset] : '\0';

        private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';
    }
}
