using System.Diagnostics;
using TorchSharp;
using WarmRestarts.TorchSharp;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;
using static TorchSharp.torch;

namespace WarmRestarts.Benchmarks;

/// <summary>
/// The minimal TorchSharp loop that does what one <see cref="Trainer"/> epoch does, written by hand: the same network
/// and initial weights (torch seeded with the seed), the same SGD settings, the same schedule through the drop-in
/// <see cref="ScheduleLRScheduler"/>, the same shuffled order (a generator seeded with <c>(seed, epoch)</c>), the
/// training loss and accuracy of every batch read back, and the test set evaluated after each epoch. With the same
/// options its losses equal the Trainer's bit for bit, which shows that both do the same work.
/// </summary>
/// <remarks>It repeats the Trainer's batch loop and evaluation on purpose instead of calling them: it is the
/// hand-written baseline the Trainer is measured against.</remarks>
public sealed class HandWrittenLoop : IDisposable
{
    private readonly TrainerOptions _options;
    private readonly ImageDataset _train;
    private readonly ImageDataset _test;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly ScheduleLRScheduler _scheduler;
    private readonly long _batches;

    /// <summary>Builds the network (seeded), the optimizer and the scheduler.</summary>
    /// <param name="options">The options the Trainer is given (model, rates, batch size, seed, schedule).</param>
    /// <param name="train">The training set.</param>
    /// <param name="test">The test set.</param>
    public HandWrittenLoop(TrainerOptions options, ImageDataset train, ImageDataset test)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        _options = options;
        _train = train;
        _test = test;
        _batches = (train.Count + options.BatchSize - 1) / options.BatchSize;
        torch.random.manual_seed(options.Seed);
        _model = Models.Create(options.Model, train.Rows, train.Columns, Math.Max(train.Classes, test.Classes));
        _optimizer = optim.SGD(_model.parameters(), options.LearningRate, options.Momentum, 0.0, options.WeightDecay, options.Nesterov, false);
        var unit = options.ScheduleUnit ?? options.Schedule.Unit ?? ProgressUnit.Epochs;
        var clock = unit == ProgressUnit.Epochs ? TrainingClock.Epochs(_batches) : TrainingClock.Steps;
        _scheduler = new ScheduleLRScheduler(_optimizer, options.Schedule.RatesFor([options.LearningRate]), clock);
    }

    /// <summary>Trains one epoch and evaluates the test set.</summary>
    /// <param name="epoch">The epoch number, from 1 (it seeds the order).</param>
    /// <returns>The epoch's metrics and its wall-clock seconds.</returns>
    public EpochRecord RunEpoch(int epoch)
    {
        var watch = Stopwatch.StartNew();
        _model.train();
        double lossSum = 0;
        long correct = 0;
        using var generator = new Generator(unchecked((ulong)((_options.Seed * 1_000_003) + epoch)));
        using var order = torch.randperm(_train.Count, generator: generator);
        for (long batch = 0; batch < _batches; batch++)
        {
            var start = batch * _options.BatchSize;
            var length = Math.Min(_options.BatchSize, _train.Count - start);
            using var scope = torch.NewDisposeScope();
            var index = order.narrow(0, start, length);
            var images = _train.Images.index_select(0, index);
            var labels = _train.Labels.index_select(0, index);
            _optimizer.zero_grad();
            var logits = _model.call(images);
            var loss = nn.functional.cross_entropy(logits, labels);
            loss.backward();
            _optimizer.step();
            lossSum += loss.item<float>() * length;
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            _scheduler.step();
        }

        var (testLoss, testAccuracy) = Evaluate();
        return new EpochRecord(epoch, lossSum / _train.Count, (double)correct / _train.Count, testLoss, testAccuracy, -1,
            _scheduler.Rates[0], watch.Elapsed.TotalSeconds, double.NaN);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }

    private (double Loss, double Accuracy) Evaluate() => ModelEvaluation.Evaluate(_model, _test);
}
