using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using WarmRestarts.Specs;
using WarmRestarts.TorchSharp;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;
using static TorchSharp.torch;

namespace WarmRestarts.Benchmarks;

/// <summary>
/// <c>trainer-ops</c>: where an MLP epoch's time goes, operation by operation, in TorchSharp and (with
/// <c>--pytorch</c>) in PyTorch (<c>bench/pytorch_ops.py</c>, the same loop and timers), alternating in one run.
/// </summary>
/// <remarks>
/// The loop is the Trainer's batch loop (<see cref="HandWrittenLoop"/>) with its forward pass taken apart layer by
/// layer and a timestamp after every operation: batching (<c>narrow</c> + two <c>index_select</c>), <c>zero_grad</c>,
/// each layer, <c>cross_entropy</c>, <c>backward</c>, the SGD step, the loss read-back, the accuracy read-back, the
/// scheduler step and (TorchSharp only) the dispose scope's end; then the test-set evaluation. After the loop, single
/// matrix products at the layers' shapes are timed (the products the forward and backward passes do). Each round
/// runs one epoch per side; the first round is a warm-up; the report gives per-operation medians in µs per batch
/// and the TorchSharp / PyTorch ratio.
/// </remarks>
public static class TrainerOps
{
    private static readonly string[] MatrixProducts =
    [
        "mm fc1 forward [128,784]x[784,256]", "mm fc1 weight grad [256,128]x[128,784]",
        "mm fc2 forward [128,256]x[256,128]", "mm fc2 input grad [128,128]x[128,256]", "mm fc2 weight grad [128,128]x[128,256]",
        "mm fc1 eval [1000,784]x[784,256]", "mm out forward [128,128]x[128,10]",
    ];

    /// <summary>Parses the options (those of <c>trainer-speed</c>; the model is the MLP), runs, prints the table.</summary>
    /// <param name="args">Options: <c>--data DIR --batch-size N --threads N --repeats N --train-count N --test-count N
    /// --pytorch SCRIPT --python EXE --pytorch-library-path DIR</c>, and <c>--grads zero|none</c> (<c>zero_grad()</c>
    /// zeroes the gradients, as the Trainer does, or sets them to none, on both sides).</param>
    /// <returns>0, or 2 on bad options.</returns>
    public static int RunCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        TrainerSpeed.Settings settings;
        bool gradsToNone;
        try
        {
            var at = Array.IndexOf(args, "--grads");
            gradsToNone = at >= 0 && at + 1 < args.Length && args[at + 1] switch
            {
                "none" => true,
                "zero" => false,
                var other => throw new ArgumentException($"--grads must be zero or none, but was {other}"),
            };
            settings = TrainerSpeed.Settings.Parse(at >= 0 ? [.. args[..at], .. args[Math.Min(at + 2, args.Length)..]] : args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            return 2;
        }

        Run(settings, Console.Out, gradsToNone);
        return 0;
    }

    /// <summary>Runs the alternating per-operation measurement and writes a markdown table.</summary>
    /// <param name="settings">What to run (the model setting is ignored: the MLP).</param>
    /// <param name="output">Where the table goes.</param>
    /// <param name="gradsToNone">Whether the gradients are set to none instead of zeroed before each backward pass (both sides).</param>
    /// <returns>The medians per operation and the TorchSharp loop's training loss per round.</returns>
    public static OpsReport Run(TrainerSpeed.Settings settings, TextWriter output, bool gradsToNone = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        using var train = settings.Load("train", settings.TrainCount);
        using var test = settings.Load("t10k", settings.TestCount);
        torch.set_num_threads(settings.Threads);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trainer-ops: MLP, {train.Count} training and {test.Count} test images, batch {settings.BatchSize}, threads {settings.Threads} (interop {torch.get_num_interop_threads()}), gradients {(gradsToNone ? "set to none" : "zeroed")}, {settings.Repeats} rounds after 1 warm-up"));
        using var loop = new Loop(settings, train, test, gradsToNone);
        var ours = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var theirs = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var losses = new List<double>();
        for (var round = 0; round <= settings.Repeats; round++)
        {
            var (mine, loss) = loop.RunEpoch(round + 1);
            losses.Add(loss);
            var python = settings.PyTorchScript is { } script ? RunPyTorch(settings, script, gradsToNone) : [];
            if (round > 0)
            {
                Add(ours, mine);
                Add(theirs, python);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}{(round == 0 ? " (warm-up)" : string.Empty)}: torchsharp {mine["batch total"]:F1} µs/batch, pytorch {(python.TryGetValue("batch total", out var p) ? p : double.NaN):F1} µs/batch"));
        }

        var medians = ours.ToDictionary(pair => pair.Key, pair => Median(pair.Value), StringComparer.Ordinal);
        var pytorch = theirs.ToDictionary(pair => pair.Key, pair => Median(pair.Value), StringComparer.Ordinal);
        output.WriteLine();
        output.WriteLine("| operation (µs per batch; matrix products µs per call) | TorchSharp | PyTorch | TorchSharp / PyTorch |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, value) in medians)
        {
            var other = pytorch.GetValueOrDefault(name, double.NaN);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value:F1} | {other:F1} | {value / other:F2} |"));
        }

        return new OpsReport(medians, pytorch, losses);
    }

    /// <summary>What <see cref="Run"/> measured.</summary>
    /// <param name="TorchSharp">Per operation, the TorchSharp median (µs per batch; µs per call for the matrix products).</param>
    /// <param name="PyTorch">The same for PyTorch (empty without <c>--pytorch</c>).</param>
    /// <param name="TrainLosses">The TorchSharp loop's mean training loss of each round (epoch 1 first), to check it does the Trainer's work.</param>
    public sealed record OpsReport(IReadOnlyDictionary<string, double> TorchSharp, IReadOnlyDictionary<string, double> PyTorch, IReadOnlyList<double> TrainLosses);

    private static void Add(Dictionary<string, List<double>> into, IReadOnlyDictionary<string, double> values)
    {
        foreach (var (name, value) in values)
        {
            if (!into.TryGetValue(name, out var list))
            {
                into[name] = list = [];
            }

            list.Add(value);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static Dictionary<string, double> RunPyTorch(TrainerSpeed.Settings settings, string script, bool gradsToNone)
    {
        var last = PyTorchChild.LastLine(settings,
        [
            script, "--data", settings.Data, "--batch-size", Show(settings.BatchSize), "--threads", Show(settings.Threads),
            "--train-count", Show(settings.TrainCount), "--test-count", Show(settings.TestCount), "--grads", gradsToNone ? "none" : "zero",
        ]);
        return JsonSerializer.Deserialize<Dictionary<string, double>>(last) ?? [];
    }

    private static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The instrumented loop: the hand-written loop's work with a timestamp after every operation.</summary>
    private sealed class Loop : IDisposable
    {
        private readonly TrainerSpeed.Settings _settings;
        private readonly ImageDataset _train;
        private readonly ImageDataset _test;
        private readonly nn.Module<Tensor, Tensor> _model;
        private readonly (string Name, nn.Module<Tensor, Tensor> Layer)[] _layers;
        private readonly optim.Optimizer _optimizer;
        private readonly ScheduleLRScheduler _scheduler;
        private readonly long _batches;
        private readonly bool _gradsToNone;
        private readonly global::TorchSharp.Modules.Parameter[] _parameters;

        public Loop(TrainerSpeed.Settings settings, ImageDataset train, ImageDataset test, bool gradsToNone)
        {
            _gradsToNone = gradsToNone;
            _settings = settings;
            _train = train;
            _test = test;
            _batches = (train.Count + settings.BatchSize - 1) / settings.BatchSize;
            torch.random.manual_seed(7);
            _model = Models.Create(ModelKind.Mlp, train.Rows, train.Columns, Math.Max(train.Classes, test.Classes));
            _parameters = [.. _model.parameters()];
            _layers = [.. _model.named_children().Select(c => (c.name, (nn.Module<Tensor, Tensor>)c.module))];
            _optimizer = optim.SGD(_model.parameters(), 0.1, 0.9, 0.0, 5e-4, false, false);
            _scheduler = new ScheduleLRScheduler(_optimizer, ScheduleSpec.Parse(TrainerSpeed.Schedule).RatesFor([0.1]), TrainingClock.Epochs(_batches));
        }

        public (Dictionary<string, double> Microseconds, double TrainLoss) RunEpoch(int epoch)
        {
            var ticks = new Dictionary<string, long>(StringComparer.Ordinal);
            void Mark(string name, ref long since)
            {
                var now = Stopwatch.GetTimestamp();
                ticks[name] = ticks.GetValueOrDefault(name) + (now - since);
                since = now;
            }

            var epochStart = Stopwatch.GetTimestamp();
            _model.train();
            double lossSum = 0;
            long correct = 0;
            using var generator = new Generator(unchecked((ulong)((7 * 1_000_003) + epoch)));
            using var order = torch.randperm(_train.Count, generator: generator);
            for (long batch = 0; batch < _batches; batch++)
            {
                var t = Stopwatch.GetTimestamp();
                var start = batch * _settings.BatchSize;
                var length = Math.Min(_settings.BatchSize, _train.Count - start);
                using (var scope = torch.NewDisposeScope())
                {
                    var index = order.narrow(0, start, length);
                    var images = _train.Images.index_select(0, index);
                    var labels = _train.Labels.index_select(0, index);
                    Mark("batching (narrow, 2 index_select)", ref t);
                    if (_gradsToNone)
                    {
                        foreach (var parameter in _parameters)
                        {
                            parameter.grad = null;
                        }
                    }
                    else
                    {
                        _optimizer.zero_grad();
                    }

                    Mark("zero_grad", ref t);
                    var x = images;
                    foreach (var (name, layer) in _layers)
                    {
                        x = layer.call(x);
                        Mark("forward " + name, ref t);
                    }

                    var loss = nn.functional.cross_entropy(x, labels);
                    Mark("cross_entropy", ref t);
                    loss.backward();
                    Mark("backward", ref t);
                    _optimizer.step();
                    Mark("SGD step", ref t);
                    lossSum += loss.item<float>() * length;
                    Mark("loss.item()", ref t);
                    correct += x.argmax(1).eq(labels).sum().item<long>();
                    Mark("accuracy (argmax, eq, sum, item)", ref t);
                    _scheduler.step();
                    Mark("scheduler step", ref t);
                }

                Mark("dispose scope", ref t);
            }

            var trainEnd = Stopwatch.GetTimestamp();
            _model.eval();
            using (torch.no_grad())
            {
                for (long start = 0; start < _test.Count; start += 1000)
                {
                    using var scope = torch.NewDisposeScope();
                    var length = Math.Min(1000, _test.Count - start);
                    var logits = _model.call(_test.Images.narrow(0, start, length));
                    var labels = _test.Labels.narrow(0, start, length);
                    _ = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                    _ = logits.argmax(1).eq(labels).sum().item<long>();
                }
            }

            _model.train();
            var end = Stopwatch.GetTimestamp();
            var perBatch = 1e6 / Stopwatch.Frequency / _batches;
            var result = ticks.ToDictionary(pair => pair.Key, pair => pair.Value * perBatch, StringComparer.Ordinal);
            result["batch total"] = (trainEnd - epochStart) * perBatch;
            result["evaluation (per batch of the epoch)"] = (end - trainEnd) * perBatch;
            result["epoch total"] = (end - epochStart) * perBatch;
            foreach (var (name, microseconds) in MatrixProductCosts())
            {
                result[name] = microseconds;
            }

            return (result, lossSum / _train.Count);
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _model.Dispose();
        }

        private static IEnumerable<(string Name, double Microseconds)> MatrixProductCosts()
        {
            (long[] Left, long[] Right)[] shapes = [([128, 784], [784, 256]), ([256, 128], [128, 784]), ([128, 256], [256, 128]), ([128, 128], [128, 256]), ([128, 128], [128, 256]), ([1000, 784], [784, 256]), ([128, 128], [128, 10])];
            for (var i = 0; i < shapes.Length; i++)
            {
                using var scope = torch.NewDisposeScope();
                var left = torch.randn(shapes[i].Left);
                var right = torch.randn(shapes[i].Right);
                const int calls = 200;
                for (var warm = 0; warm < 20; warm++)
                {
                    left.mm(right).Dispose();
                }

                var start = Stopwatch.GetTimestamp();
                for (var call = 0; call < calls; call++)
                {
                    left.mm(right).Dispose();
                }

                yield return (MatrixProducts[i], (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency / calls);
            }
        }
    }
}
