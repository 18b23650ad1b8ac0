using System.Diagnostics;
using System.Globalization;
using WarmRestarts.TorchSharp;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Experiments;
using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.Quality;

/// <summary>
/// Runs the quality benchmark (docs/benchmarks/quality.md) and prints its analysis:
/// <c>dotnet run -c Release --project bench/WarmRestarts.Quality -- --out DIR [--seeds 8] [--data FOLDER] [--report]</c>.
/// Finished runs in DIR are reused, so an interrupted benchmark continues where it stopped; <c>--report</c> only analyses what is there.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        TorchEnvironment.PreferPassiveWaiting();
        string? output = null;
        var data = "/usr/share/datasets/fashion-mnist";
        var seeds = 8;
        var reportOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out": output = args[++i]; break;
                case "--data": data = args[++i]; break;
                case "--seeds": seeds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--report": reportOnly = true; break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; use --out DIR [--seeds 8] [--data FOLDER] [--report]");
                    return 2;
            }
        }

        if (output is null)
        {
            Console.Error.WriteLine("--out DIR is required (finished runs are stored there)");
            return 2;
        }

        var runner = new ExperimentRunner(QualityProtocol.Options, QualityProtocol.Arms, [.. Enumerable.Range(0, seeds).Select(s => (long)s)], output);
        IReadOnlyList<IReadOnlyList<RunOutcome>> outcomes;
        if (reportOnly)
        {
            outcomes = runner.ReadFinished();
        }
        else
        {
            using var fullTrain = ImageDataset.LoadFolder(data, "train");
            using var test = ImageDataset.LoadFolder(data, "t10k");
            var labels = fullTrain.Labels.data<long>().Select(l => (int)l).ToArray();
            var split = StratifiedSplit.Split(labels, [QualityProtocol.TrainSize, QualityProtocol.ValidationSize], QualityProtocol.SplitSeed);
            using var train = fullTrain.Select(split[0], $"{data}/train stratified {QualityProtocol.TrainSize} (split seed {QualityProtocol.SplitSeed})");
            using var validation = fullTrain.Select(split[1], $"{data}/train stratified {QualityProtocol.ValidationSize} validation (split seed {QualityProtocol.SplitSeed})");
            Console.WriteLine($"{DateTime.UtcNow:u} {train.Count} train, {validation.Count} validation, {test.Count} test; {QualityProtocol.Arms.Count} schedules x {seeds} seeds; threads {QualityProtocol.Options.Threads}");
            outcomes = runner.Run(train, test, validation, new ConsoleProgress());
        }

        var report = QualityReport.Write(outcomes);
        AtomicFile.WriteAllText(Path.Combine(output, "quality-results.md"), report);
        Console.WriteLine(report);
        return 0;
    }

    private sealed class ConsoleProgress : IExperimentObserver
    {
        private readonly Stopwatch _watch = new();

        public ITrainingObserver? RunStarting(int index, int total, ExperimentArm arm, long seed, RunStart state)
        {
            _watch.Restart();
            Console.WriteLine($"{DateTime.UtcNow:u} run {index + 1}/{total}: {arm.Label}, seed {seed} ({state})");
            return null;
        }

        public void RunFinished(int index, RunOutcome outcome) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:u}   test {outcome.FinalTestAccuracy:P2}, validation {outcome.FinalValidationAccuracy:P2}, {_watch.Elapsed.TotalSeconds:F1} s, {outcome.Epochs.Sum(e => e.CpuSeconds) / outcome.Epochs.Count:F2} CPU s/epoch"));
    }
}
