using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WarmRestarts.Scheduling;

/// <summary>
/// The JSON form of a <see cref="GroupScheduler"/>'s state, written and read with <see cref="Utf8JsonWriter"/> and
/// <see cref="JsonDocument"/> (no reflection, trimming- and AOT-safe):
/// <c>{"format": 1, "fingerprint": "…", "setup": "…", "step": 123, "plateau": {"best": 0.5, "num_bad_epochs": 0,
/// "cooldown_counter": 0, "last_epoch": 4, "scales": [1.0]}}</c> (<c>"plateau": null</c> without a plateau;
/// an infinite <c>best</c> is written as the string <c>"Infinity"</c> or <c>"-Infinity"</c>).
/// </summary>
internal static class SchedulerStateJson
{
    private const string Resave = "pass the exact text SaveState returned, unchanged";

    public static string Write(int version, string fingerprint, string description, long step, PlateauReduction? plateau)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", version);
            writer.WriteString("fingerprint", fingerprint);
            writer.WriteString("setup", description);
            writer.WriteNumber("step", step);
            if (plateau is null)
            {
                writer.WriteNull("plateau");
            }
            else
            {
                writer.WriteStartObject("plateau");
                if (double.IsFinite(plateau.Best))
                {
                    writer.WriteNumber("best", plateau.Best);
                }
                else
                {
                    writer.WriteString("best", plateau.Best > 0 ? "Infinity" : "-Infinity");
                }

                writer.WriteNumber("num_bad_epochs", plateau.NumBadEpochs);
                writer.WriteNumber("cooldown_counter", plateau.CooldownCounter);
                writer.WriteNumber("last_epoch", plateau.LastEpoch);
                writer.WriteStartArray("scales");
                foreach (var scale in plateau.Scales)
                {
                    writer.WriteNumberValue(scale);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses and checks a state; throws <see cref="SchedulerStateException"/> for anything but a well-formed state of this format.</summary>
    public static State Read(string json, int version, int groupCount, int? cooldown)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SchedulerStateException($"scheduler state is not valid JSON ({OneLine(ex.Message)}); {Resave}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SchedulerStateException($"scheduler state must be a JSON object, but was {root.ValueKind}; {Resave}");
            }

            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out var found))
            {
                throw Invalid("format");
            }

            if (found != version)
            {
                throw new SchedulerStateException(
                    $"scheduler state has format version {found.ToString(CultureInfo.InvariantCulture)} but this library reads version {version.ToString(CultureInfo.InvariantCulture)}; save it with a matching library version, or start a new run");
            }

            var fingerprint = ReadString(root, "fingerprint");
            var description = ReadString(root, "setup");
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)));
            if (!string.Equals(digest, fingerprint, StringComparison.Ordinal))
            {
                throw new SchedulerStateException($"scheduler state is corrupted: its fingerprint does not match its setup description; {Resave}");
            }

            var step = ReadLong(root, "step");
            if (!root.TryGetProperty("plateau", out var plateau) || plateau.ValueKind == JsonValueKind.Null)
            {
                return new State(fingerprint, description, step, 0, 0, 0, 0, null);
            }

            if (plateau.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("plateau");
            }

            var best = ReadBest(plateau);
            var numBadEpochs = ReadLong(plateau, "num_bad_epochs");
            var cooldownCounter = ReadLong(plateau, "cooldown_counter");
            if (cooldownCounter > (cooldown ?? int.MaxValue))
            {
                throw Invalid("cooldown_counter");
            }

            var lastEpoch = ReadLong(plateau, "last_epoch");
            if (!plateau.TryGetProperty("scales", out var scales) || scales.ValueKind != JsonValueKind.Array || scales.GetArrayLength() != groupCount)
            {
                throw Invalid("scales");
            }

            var values = new double[groupCount];
            var i = 0;
            foreach (var item in scales.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var scale) || !(scale >= 0 && scale <= 1))
                {
                    throw Invalid("scales");
                }

                values[i++] = scale;
            }

            return new State(fingerprint, description, step, best, numBadEpochs, (int)cooldownCounter, lastEpoch, values);
        }
    }

    private static SchedulerStateException Invalid(string field) =>
        new($"scheduler state has a missing or invalid '{field}'; {Resave}");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string ReadString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? throw Invalid(name) : throw Invalid(name);

    private static long ReadLong(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw Invalid(name);

    private static double ReadBest(JsonElement plateau)
    {
        if (!plateau.TryGetProperty("best", out var best))
        {
            throw Invalid("best");
        }

        if (best.ValueKind == JsonValueKind.Number && best.TryGetDouble(out var value) && double.IsFinite(value))
        {
            return value;
        }

        if (best.ValueKind == JsonValueKind.String)
        {
            switch (best.GetString())
            {
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
            }
        }

        throw Invalid("best");
    }

    /// <summary>A parsed state; <see cref="Scales"/> is null when no plateau state was saved.</summary>
    internal sealed record State(string Fingerprint, string Description, long Step, double Best, long NumBadEpochs, int CooldownCounter, long LastEpoch, double[]? Scales);
}
