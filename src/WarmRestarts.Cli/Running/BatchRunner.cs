using System.Text.Json;
using WarmRestarts.Cli.Output;
using WarmRestarts.Specs;

namespace WarmRestarts.Cli.Running;

/// <summary>
/// The batch protocol of <c>values --batch</c>: one JSON object per input line
/// (<c>{"spec": "...", "steps": N, "base_lrs": [...], "metrics": [...], "at": [...]}</c>, only spec and steps
/// required), one JSON line per input line in order: <c>{"lrs": [[g0, g1, ...], ...]}</c> or <c>{"error": "..."}</c>.
/// </summary>
/// <remarks>
/// A bad line never stops the batch. Everything is checked before the answer is written, so an answer is either
/// whole rates or one error. Rates are streamed to the (buffered) output as they are computed. Parsed specs are
/// cached by text (a bounded cache), so repeated specs are parsed once.
/// </remarks>
internal sealed class BatchRunner(TextWriter output)
{
    /// <summary>The most points <c>at</c> may list.</summary>
    public const int MaxPoints = 10_000_000;

    /// <summary>The most values (points × groups) one answer may hold.</summary>
    public const long MaxValues = 50_000_000;

    private const int CacheSize = 512;
    private static readonly string[] Fields = ["spec", "steps", "base_lrs", "metrics", "at"];
    private readonly Dictionary<string, ScheduleDefinition> _cache = new(StringComparer.Ordinal);

    /// <summary>Answers every line of <paramref name="input"/>; returns the number of lines answered.</summary>
    public long Run(TextReader input)
    {
        long lines = 0;
        while (input.ReadLine() is { } line)
        {
            Answer(line);
            lines++;
        }

        output.Flush();
        return lines;
    }

    /// <summary>Answers one line (exactly one output line).</summary>
    public void Answer(string line)
    {
        Request request;
        RateRun run;
        try
        {
            request = Read(line);
            var definition = Definition(request.Spec);
            if (SpecInput.CheckSteps(request.Steps, definition) is { } stepsError)
            {
                throw new CliUsageException(stepsError);
            }

            var baseRates = SpecInput.CheckBaseRates(request.BaseRates ?? [.. Enumerable.Repeat(0.1, definition.GroupCount ?? 1)], "base_lrs");
            run = new RateRun(definition, baseRates);
            var points = request.At?.Length ?? request.Steps;
            if (points * (long)run.GroupCount > MaxValues)
            {
                throw new CliUsageException($"{points} points x {run.GroupCount} groups is more than {MaxValues} values; ask for fewer points per line");
            }

            if (run.CheckMetrics(request.Metrics, points) is { } metricsError)
            {
                throw new CliUsageException(metricsError);
            }

            if (request.At is { } at && definition.StepLimit is { } limit)
            {
                foreach (var t in at)
                {
                    if (t > limit - 1)
                    {
                        throw new CliUsageException($"at point {SpecInput.Show(t)} is past the end of {definition.Spec}, which can be evaluated up to t = {limit - 1}; drop the points past its end");
                    }
                }
            }
        }
        catch (JsonException error)
        {
            WriteError("bad JSON: " + error.Message);
            return;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Any other failure answers this line only: bad input as its message, anything else as an internal error.
            WriteError(CliApp.Classify(error).Message);
            return;
        }

        output.Write("{\"lrs\":");
        var rows = new NumberText.JsonRows(output);
        rows.Begin();
        if (request.At is { } points2)
        {
            run.ForEachPoint(points2, request.Metrics, (_, rates, _) => rows.Row(rates));
        }
        else
        {
            run.ForEachStep(request.Steps, request.Metrics, (_, rates, _) => rows.Row(rates));
        }

        rows.End();
        output.Write("}\n");
    }

    private void WriteError(string message)
    {
        output.Write("{\"error\":");
        output.Write(NumberText.JsonString(CliApp.OneLine(message)));
        output.Write("}\n");
    }

    private ScheduleDefinition Definition(string spec)
    {
        if (_cache.TryGetValue(spec, out var cached))
        {
            return cached;
        }

        var definition = ScheduleSpec.Parse(spec);
        if (_cache.Count >= CacheSize)
        {
            _cache.Clear();
        }

        _cache[spec] = definition;
        return definition;
    }

    private static Request Read(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            throw new CliUsageException("empty line; give one JSON object per line, e.g. {\"spec\": \"warm_restarts(peak=0.1, first_cycle=10)\", \"steps\": 20}");
        }

        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException($"expected a JSON object with \"spec\" and \"steps\", but got a JSON {Kind(root)}");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (Array.IndexOf(Fields, property.Name) < 0)
            {
                throw new CliUsageException($"unknown field \"{property.Name}\"; the fields are spec, steps, base_lrs, metrics, at");
            }
        }

        if (!root.TryGetProperty("spec", out var specElement) || specElement.ValueKind != JsonValueKind.String)
        {
            throw new CliUsageException(specElement.ValueKind == JsonValueKind.Undefined
                ? "missing \"spec\"; give the schedule's spec text, e.g. \"spec\": \"torch.CosineAnnealingWarmRestarts(T_0=10)\""
                : $"\"spec\" must be a string, but got a JSON {Kind(specElement)}");
        }

        if (!root.TryGetProperty("steps", out var stepsElement))
        {
            throw new CliUsageException("missing \"steps\"; give the number of points, e.g. \"steps\": 100");
        }

        if (stepsElement.ValueKind != JsonValueKind.Number || !stepsElement.TryGetInt64(out var steps))
        {
            throw new CliUsageException($"\"steps\" must be a whole number, but got {Raw(stepsElement)}");
        }

        var at = Numbers(root, "at", MaxPoints, requireNonNegative: true);
        if (at is { Length: 0 })
        {
            throw new CliUsageException("\"at\" is empty; list the progress points to evaluate, or leave it out for 0..steps-1");
        }

        return new Request(
            specElement.GetString()!,
            steps,
            Numbers(root, "base_lrs", SpecInput.MaxGroups, requireNonNegative: false),
            Numbers(root, "metrics", MaxPoints, requireNonNegative: false, allowNull: true),
            at);
    }

    private static double[]? Numbers(JsonElement root, string name, int max, bool requireNonNegative, bool allowNull = false)
    {
        if (!root.TryGetProperty(name, out var element) || (allowNull && element.ValueKind == JsonValueKind.Null))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CliUsageException($"\"{name}\" must be an array of numbers, but got {Raw(element)}");
        }

        var count = element.GetArrayLength();
        if (count > max)
        {
            throw new CliUsageException($"\"{name}\" has {count} entries, more than the limit of {max}; split the request");
        }

        var values = new double[count];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw new CliUsageException($"\"{name}\"[{i}] must be a finite number, but got {Raw(item)}");
            }

            if (requireNonNegative && value < 0)
            {
                throw new CliUsageException($"\"{name}\"[{i}] must be >= 0, but got {SpecInput.Show(value)}");
            }

            values[i++] = value;
        }

        return values;
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Raw(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length > 40 ? text[..40] + "..." : text;
    }

    private sealed record Request(string Spec, long Steps, double[]? BaseRates, double[]? Metrics, double[]? At);
}
