using TorchSharp;
using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Experiments;
using WarmRestarts.TorchSharp.Tests.Training;
using WarmRestarts.TorchSharp.Training;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Tests.Experiments;

/// <summary>The learning-rate range test on a slice of the embedded Fashion-MNIST subset.</summary>
[Collection(TorchSerial.Name)]
public sealed class RangeTestTests : IDisposable
{
    private readonly ImageDataset _train;

    public RangeTestTests()
    {
        Torch.Init(seed: 0);
        var data = Path.Combine(TrainerTests.RepositoryRoot(), "data", "fashion-mnist-subset");
        using var fullTrain = ImageDataset.LoadFolder(data, "train");
        _train = fullTrain.Select([.. Enumerable.Range(0, 1024).Select(i => (long)(i * 9))], "train[1024]");
    }

    public void Dispose() => _train.Dispose();

    private static readonly TrainerOptions Training = new() { BatchSize = 64, Seed = 3 };

    private static nn.Module<Tensor, Tensor> Model(long seed)
    {
        torch.manual_seed(seed);
        return Models.Create(ModelKind.Mlp, 28, 28, 10);
    }

    [Fact]
    public void The_rate_rises_exponentially_and_the_loss_is_smoothed_with_bias_correction()
    {
        using var model = Model(1);
        var options = new RangeTestOptions { StartRate = 1e-5, EndRate = 10, Iterations = 60 };
        var result = RangeTest.Run(model, _train, Training, options);

        Assert.Equal(1e-5, result.Points[0].LearningRate, 1e-18);
        for (var i = 1; i < result.Points.Count; i++)
        {
            // A constant ratio between iterations: (end / start)^(1 / (N − 1)).
            Assert.Equal(Math.Pow(1e6, 1.0 / 59), result.Points[i].LearningRate / result.Points[i - 1].LearningRate, 12);
        }

        // Bias correction: the first smoothed value is the first loss itself; then the weighted average.
        Assert.Equal(result.Points[0].Loss, result.Points[0].SmoothedLoss, 12);
        var average = (0.02 * result.Points[0].Loss * 0.98) + (0.02 * result.Points[1].Loss);
        Assert.Equal(average / (1 - (0.98 * 0.98)), result.Points[1].SmoothedLoss, 12);

        // The stopping rule: it stops exactly at the first smoothed loss above 4 × the best before it (or non-finite).
        for (var i = 1; i < result.Points.Count - 1; i++)
        {
            Assert.True(result.Points[i].SmoothedLoss <= 4 * result.Points.Take(i).Min(p => p.SmoothedLoss));
        }

        var last = result.Points[^1];
        var exceeded = !double.IsFinite(last.SmoothedLoss) || last.SmoothedLoss > 4 * result.Points.SkipLast(1).Min(p => p.SmoothedLoss);
        Assert.Equal(exceeded, result.Diverged);
        if (!result.Diverged)
        {
            Assert.Equal(60, result.Points.Count);
        }

        // The suggestions are ordered and inside the range that learned.
        Assert.InRange(result.Floor, 1e-5, result.Peak / 4);
        Assert.True(result.Peak < result.MinimumRate, $"{result}");
        Assert.Equal(result.MinimumRate / 10, result.OneCycleMax, 15);
    }

    [Fact]
    public void The_model_is_untouched_bit_for_bit_and_a_later_training_is_unaffected()
    {
        using var tested = Model(5);
        using var control = Model(5);
        using var testedOptimizer = optim.SGD(tested.parameters(), 0.05, 0.9);
        using var controlOptimizer = optim.SGD(control.parameters(), 0.05, 0.9);

        // One step first, so there are gradients and momentum buffers that the test must not disturb.
        Step(tested, testedOptimizer, 0);
        Step(control, controlOptimizer, 0);
        var before = Weights(tested);
        var gradientsBefore = tested.parameters().Select(p => p.grad!.data<float>().ToArray()).ToArray();

        var result = RangeTest.Run(tested, _train, Training, new RangeTestOptions { Iterations = 40 });
        Assert.True(result.Points.Count > 10);

        Assert.Equal(before, Weights(tested));
        Assert.Equal(gradientsBefore, tested.parameters().Select(p => p.grad!.data<float>().ToArray()).ToArray());
        Assert.True(tested.training);

        // Training on with the caller's optimizer (its momentum state included) gives what it gives without the test.
        for (var step = 1; step <= 5; step++)
        {
            Step(tested, testedOptimizer, step);
            Step(control, controlOptimizer, step);
        }

        Assert.Equal(Weights(control), Weights(tested));
    }

    [Fact]
    public void The_rules_pick_the_minimum_the_steepest_descent_and_the_start_of_learning()
    {
        // Over rates 10^(−4 + i/10): flat at 2.0, a half-cosine fall from i = 11 to 29 (first 1% below the start
        // at i = 13, steepest at i = 20), lowest at i = 29, rising after.
        var result = RangeTestResult.Analyse(Curve(fallStart: 11, fallEnd: 29), diverged: false);
        Assert.Equal(Rate(29), result.MinimumRate, 12);
        Assert.Equal(Rate(20), result.SteepestRate, 12);
        Assert.Equal(result.SteepestRate, result.Peak);
        Assert.Equal(Rate(13), result.Floor, 12);
        Assert.Equal(result.MinimumRate / 10, result.OneCycleMax, 15);
    }

    [Fact]
    public void The_floor_stays_at_most_a_quarter_of_the_peak()
    {
        // A steep fall (15 to 29, steepest at 22): learning starts at i = 17, within 0.6 decades of the peak.
        var result = RangeTestResult.Analyse(Curve(fallStart: 15, fallEnd: 29), diverged: false);
        Assert.Equal(Rate(22), result.Peak, 12);
        Assert.Equal(result.Peak / 4, result.Floor, 15);
    }

    private static double Rate(int i) => Math.Pow(10, -4 + (i / 10.0));

    private static RangeTestPoint[] Curve(int fallStart, int fallEnd) =>
    [
        .. Enumerable.Range(0, 41).Select(i =>
        {
            var loss = i <= fallStart ? 2.0
                : i <= fallEnd ? 2.0 - (1.5 * (1 - Math.Cos(Math.PI * (i - fallStart) / (fallEnd - fallStart))) / 2)
                : 0.5 + (0.2 * (i - fallEnd));
            return new RangeTestPoint(i, Rate(i), loss, loss);
        }),
    ];

    [Fact]
    public void Bad_settings_are_refused_in_one_line()
    {
        using var model = Model(1);
        var error = Assert.Throws<TrainingException>(() => RangeTest.Run(model, _train, Training, new RangeTestOptions { StartRate = 1, EndRate = 0.1 }));
        Assert.Contains("end rate", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private void Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, int batch)
    {
        using var scope = torch.NewDisposeScope();
        var images = _train.Images.narrow(0, batch * 32, 32);
        var labels = _train.Labels.narrow(0, batch * 32, 32);
        optimizer.zero_grad();
        nn.functional.cross_entropy(model.call(images), labels).backward();
        optimizer.step();
    }

    private static float[][] Weights(nn.Module<Tensor, Tensor> model) => [.. model.parameters().Select(p => p.data<float>().ToArray())];
}
