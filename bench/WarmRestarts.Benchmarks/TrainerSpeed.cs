using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Benchmarks;

/// <summary>
/// <c>trainer-speed</c>: the Trainer's epoch time against <see cref="HandWrittenLoop"/> and, optionally, the same loop
/// in PyTorch (<c>bench/pytorch_loop.py</c>, a child process per repetition), alternating within one run.
/// </summary>
/// <remarks>
/// One Trainer runs <c>repeats + 1</c> epochs; after each of its epochs (observed through
/// <see cref="ITrainingObserver.EpochCompleted"/>) the hand-written loop runs one epoch and then, with
/// <c>--pytorch</c>, the PyTorch script runs a warm-up epoch and a measured one. An epoch is training plus the test
/// evaluation on every side. The first round is a warm-up and is not counted; the report gives the medians and
/// their ratios. The Trainer's time is measured from the end of its previous epoch (after the other sides ran) to
/// the end of this one, so it includes everything the Trainer does between epochs.
/// </remarks>
public static class TrainerSpeed
{
    /// <summary>The schedule used: SGDR with a first cycle longer than any measured run, so no cycle-end evaluation interrupts the epochs.</summary>
    public const string Schedule = "torch.CosineAnnealingWarmRestarts(T_0=100, T_mult=2, eta_min=0.0001)";

    /// <summary>Parses the options, runs, prints the report.</summary>
    /// <param name="args">Options: <c>--data DIR --model mlp|cnn --batch-size N --threads N --repeats N --train-count N
    /// --test-count N --pytorch SCRIPT --python EXE --pytorch-library-path DIR</c>.</param>
    /// <returns>0, or 2 on bad options.</returns>
    public static int RunCommand(string[] args)
    {
        Settings settings;
        try
        {
            settings = Settings.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            return 2;
        }

        var report = Run(settings, Console.Out);
        return report.Identical ? 0 : 1;
    }

    /// <summary>Runs the alternating measurement.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="output">Where the per-round lines and the summary go.</param>
    /// <returns>The measured epoch times.</returns>
    public static SpeedReport Run(Settings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        using var train = settings.Load("train", settings.TrainCount);
        using var test = settings.Load("t10k", settings.TestCount);
        var options = new TrainerOptions
        {
            Schedule = ScheduleSpec.Parse(Schedule),
            Model = settings.Model,
            Epochs = settings.Repeats + 1,
            BatchSize = settings.BatchSize,
            Threads = settings.Threads,
            Snapshots = 0,
            Seed = 7,
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trainer-speed: model {settings.Model}, {train.Count} training and {test.Count} test images from {settings.Data}, batch {settings.BatchSize}, threads {settings.Threads}, {settings.Repeats} rounds after 1 warm-up"));
        using var hand = new HandWrittenLoop(options, train, test);
        var observer = new AlternatingObserver(hand, settings, output);
        using var trainer = new Trainer(options, train, test, observer);
        trainer.Run();
        return observer.Report(output);
    }

    /// <summary>The options of a run.</summary>
    /// <param name="Data">An MNIST-format folder.</param>
    /// <param name="Model">The network.</param>
    /// <param name="BatchSize">Examples per batch.</param>
    /// <param name="Threads">Torch threads (PyTorch too).</param>
    /// <param name="Repeats">Measured rounds.</param>
    /// <param name="TrainCount">Training images used (the first ones).</param>
    /// <param name="TestCount">Test images used (the first ones).</param>
    /// <param name="PyTorchScript">The PyTorch loop, or <see langword="null"/> to skip it.</param>
    /// <param name="Python">The Python that has torch.</param>
    /// <param name="PyTorchLibraryPath">Prepended to the PyTorch process's <c>LD_LIBRARY_PATH</c> (e.g. a folder with OpenBLAS's <c>libblas.so.3</c>), or <see langword="null"/>.</param>
    /// <param name="HandWritten">Whether the hand-written loop runs (off: the Trainer alone, e.g. to profile it).</param>
    public sealed record Settings(string Data, ModelKind Model, int BatchSize, int Threads, int Repeats, long TrainCount, long TestCount, string? PyTorchScript, string Python, string? PyTorchLibraryPath = null, bool HandWritten = true)
    {
        /// <summary>The first <paramref name="count"/> examples of one of the folder's sets (all when it has fewer).</summary>
        /// <param name="prefix"><c>train</c> or <c>t10k</c>.</param>
        /// <param name="count">How many.</param>
        /// <returns>The subset, sharing nothing with the loaded set.</returns>
        public ImageDataset Load(string prefix, long count)
        {
            using var full = ImageDataset.LoadFolder(Data, prefix);
            return full.Select([.. Enumerable.Range(0, (int)Math.Min(count, full.Count)).Select(i => (long)i)], prefix == "train" ? "train" : "test");
        }

        /// <summary>Parses <c>--name value</c> pairs.</summary>
        /// <param name="args">The arguments.</param>
        /// <returns>The settings.</returns>
        /// <exception cref="ArgumentException">An option is unknown or its value is bad.</exception>
        public static Settings Parse(IReadOnlyList<string> args)
        {
            ArgumentNullException.ThrowIfNull(args);
            var settings = new Settings(DefaultData(), ModelKind.Mlp, 128, 2, 5, long.MaxValue, long.MaxValue, null, "/usr/bin/python3");
            for (var i = 0; i < args.Count; i += 2)
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{args[i]} needs a value");
                }

                var value = args[i + 1];
                settings = args[i] switch
                {
                    "--data" => settings with { Data = value },
                    "--model" => settings with { Model = Enum.Parse<ModelKind>(value, ignoreCase: true) },
                    "--batch-size" => settings with { BatchSize = Positive(args[i], value) },
                    "--threads" => settings with { Threads = Positive(args[i], value) },
                    "--repeats" => settings with { Repeats = Positive(args[i], value) },
                    "--train-count" => settings with { TrainCount = Positive(args[i], value) },
                    "--test-count" => settings with { TestCount = Positive(args[i], value) },
                    "--pytorch" => settings with { PyTorchScript = value },
                    "--python" => settings with { Python = value },
                    "--pytorch-library-path" => settings with { PyTorchLibraryPath = value },
                    "--hand-written" => settings with { HandWritten = value is "yes" or "true" ? true : value is "no" or "false" ? false : throw new ArgumentException($"--hand-written must be yes or no, but was {value}") },
                    _ => throw new ArgumentException($"unknown option {args[i]}; use --data, --model, --batch-size, --threads, --repeats, --train-count, --test-count, --pytorch, --python, --pytorch-library-path, --hand-written"),
                };
            }

            return settings;
        }

        private static int Positive(string name, string value) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 1
                ? number
                : throw new ArgumentException($"{name} must be an integer >= 1, but was {value}");

        /// <summary>The full Fashion-MNIST set when installed, else the repository's embedded subset.</summary>
        private static string DefaultData()
        {
            const string full = "/usr/share/datasets/fashion-mnist";
            if (Directory.Exists(full))
            {
                return full;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var subset = Path.Combine(dir.FullName, "data", "fashion-mnist-subset");
                if (Directory.Exists(subset))
                {
                    return subset;
                }
            }

            return full;
        }
    }

    /// <summary>The measured epoch times (seconds), one per measured round, and whether both .NET sides computed the same losses.</summary>
    /// <param name="Trainer">The Trainer's epochs.</param>
    /// <param name="HandWritten">The hand-written loop's epochs.</param>
    /// <param name="PyTorch">The PyTorch loop's measured epochs (empty without <c>--pytorch</c>).</param>
    /// <param name="Identical">Whether the Trainer and the hand-written loop had bit-identical losses in every epoch.</param>
    public sealed record SpeedReport(IReadOnlyList<double> Trainer, IReadOnlyList<double> HandWritten, IReadOnlyList<double> PyTorch, bool Identical);

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class AlternatingObserver(HandWrittenLoop hand, Settings settings, TextWriter output) : ITrainingObserver
    {
        private readonly List<double> _trainer = [];
        private readonly List<double> _hand = [];
        private readonly List<double> _pytorch = [];
        private readonly Stopwatch _sinceMark = new();
        private bool _identical = true;

        public void Started(int totalEpochs, long stepsPerEpoch, int startEpoch) => _sinceMark.Restart();

        public void StepCompleted(in StepRecord record)
        {
        }

        public void CycleEnded(CycleEndRecord record)
        {
        }

        public void EpochCompleted(EpochRecord record)
        {
            var trainerSeconds = _sinceMark.Elapsed.TotalSeconds;
            var handRecord = settings.HandWritten ? hand.RunEpoch(record.Epoch) : record with { Seconds = double.NaN };
            var same = handRecord.TrainLoss == record.TrainLoss && handRecord.TestLoss == record.TestLoss && handRecord.TrainAccuracy == record.TrainAccuracy;
            _identical &= same;
            var pytorchSeconds = settings.PyTorchScript is { } script ? RunPyTorch(script) : double.NaN;
            var warmUp = record.Epoch == 1;
            if (!warmUp)
            {
                _trainer.Add(trainerSeconds);
                if (settings.HandWritten)
                {
                    _hand.Add(handRecord.Seconds);
                }

                if (!double.IsNaN(pytorchSeconds))
                {
                    _pytorch.Add(pytorchSeconds);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {record.Epoch - 1}{(warmUp ? " (warm-up)" : string.Empty)}: trainer {trainerSeconds:F4} s, hand-written {handRecord.Seconds:F4} s, pytorch {pytorchSeconds:F4} s; train loss {record.TrainLoss:R} / {handRecord.TrainLoss:R} ({(same ? "identical" : "DIFFERENT")})"));
            _sinceMark.Restart();
        }

        public SpeedReport Report(TextWriter writer)
        {
            var trainer = Median(_trainer);
            var hand = Median(_hand);
            var pytorch = Median(_pytorch);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median epoch: trainer {trainer:F4} s, hand-written {hand:F4} s, pytorch {pytorch:F4} s"));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trainer / hand-written = {trainer / hand:F4} (spread {Spread(_trainer, _hand)}); trainer / pytorch = {trainer / pytorch:F4}; hand-written / pytorch = {hand / pytorch:F4}"));
            writer.WriteLine($"trainer and hand-written losses identical in every epoch: {(_identical ? "yes" : "NO")}");
            return new SpeedReport(_trainer, _hand, _pytorch, _identical);
        }

        private static string Spread(List<double> a, List<double> b)
        {
            if (a.Count == 0 || b.Count == 0)
            {
                return "n/a";
            }

            var ratios = a.Zip(b, (x, y) => x / y).ToArray();
            var spread = string.Create(CultureInfo.InvariantCulture, $"per-round ratios {ratios.Min():F4}..{ratios.Max():F4}");
            if (ratios.Length < 2)
            {
                return spread;
            }

            // The rounds are pairs (one epoch each, back to back): a t-interval of the mean log ratio, as a ratio.
            var interval = WarmRestarts.TorchSharp.Experiments.PairedInterval.Of([.. a.Take(ratios.Length).Select(x => Math.Log(x))], [.. b.Take(ratios.Length).Select(x => Math.Log(x))]);
            return spread + string.Create(CultureInfo.InvariantCulture,
                $"; geometric mean {Math.Exp(interval.Mean):F4}, 95% interval [{Math.Exp(interval.Lower):F4}, {Math.Exp(interval.Upper):F4}] over {ratios.Length} rounds");
        }

        private double RunPyTorch(string script)
        {
            var last = PyTorchChild.LastLine(settings,
            [
                script, "--data", settings.Data, "--model", settings.Model.ToString().ToLowerInvariant(),
                "--batch-size", Show(settings.BatchSize), "--threads", Show(settings.Threads), "--epochs", "2",
                "--train-count", Show(settings.TrainCount), "--test-count", Show(settings.TestCount),
            ]);
            using var json = JsonDocument.Parse(last);
            return json.RootElement.GetProperty("seconds").GetDouble();
        }

        private static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
