using WarmRestarts.TorchSharp.Data;
using WarmRestarts.TorchSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>
/// The learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks", arXiv 1506.01186;
/// as fastai's <c>lr_find</c>): train with the rate rising exponentially from a start to an end rate over N batches,
/// track the loss as a bias-corrected exponential moving average, stop when it exceeds a multiple of its best.
/// The model is left as it was: its weights and gradients are saved before and restored bit for bit after, the test
/// uses its own optimizer (the caller's is never touched), and it draws no numbers from torch's global generator
/// (the data order comes from a generator seeded with the seed).
/// </summary>
public static class RangeTest
{
    /// <summary>Runs the test on <paramref name="model"/> and restores it.</summary>
    /// <param name="model">The network (weights, gradients and train/eval mode are restored).</param>
    /// <param name="train">The training data; batches cycle through it in a seeded order.</param>
    /// <param name="training">The optimizer settings (kind, momentum, weight decay, Nesterov), batch size and seed; the rate is the test's.</param>
    /// <param name="options">The range and the stopping rule.</param>
    /// <param name="progress">Called after each iteration, optional.</param>
    /// <returns>The curve and the suggested rates.</returns>
    /// <exception cref="TrainingException">The settings are unusable (one-line message).</exception>
    public static RangeTestResult Run(nn.Module<Tensor, Tensor> model, ImageDataset train, TrainerOptions training, RangeTestOptions options, Action<RangeTestPoint>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        if ((options.Problem() ?? training.Problem()) is { } problem)
        {
            throw new TrainingException(problem);
        }

        var parameters = model.parameters().ToArray();
        var wasTraining = model.training;
        Tensor[] savedWeights;
        Tensor?[] savedGradients;
        using (torch.no_grad())
        {
            savedWeights = [.. parameters.Select(p => p.detach().clone())];
            savedGradients = [.. parameters.Select(p => p.grad is { } g ? g.detach().clone() : null)];
        }

        try
        {
            return Sweep(model, parameters, train, training, options, progress);
        }
        finally
        {
            using (torch.no_grad())
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].copy_(savedWeights[i]);
                    if (savedGradients[i] is { } gradient)
                    {
                        parameters[i].grad!.copy_(gradient);
                    }
                    else if (parameters[i].grad is { } stray)
                    {
                        // There was no gradient before: leave none (as after optimizer.zero_grad(set_to_none)).
                        parameters[i].grad = null;
                        stray.Dispose();
                    }
                }
            }

            foreach (var tensor in savedWeights.Concat(savedGradients.OfType<Tensor>()))
            {
                tensor.Dispose();
            }

            model.train(wasTraining);
        }
    }

    /// <summary>The rate of iteration <paramref name="iteration"/>: start · (end / start)^(i / (N − 1)).</summary>
    /// <param name="options">The range.</param>
    /// <param name="iteration">0-based.</param>
    /// <returns>The rate.</returns>
    public static double RateAt(RangeTestOptions options, int iteration)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.StartRate * Math.Pow(options.EndRate / options.StartRate, (double)iteration / (options.Iterations - 1));
    }

    private static RangeTestResult Sweep(nn.Module<Tensor, Tensor> model, global::TorchSharp.Modules.Parameter[] parameters, ImageDataset train, TrainerOptions training, RangeTestOptions options, Action<RangeTestPoint>? progress)
    {
        using var optimizer = Optimizers.Create(training with { LearningRate = options.StartRate }, parameters);
        var groups = new TorchSharpParameterGroups(optimizer);
        model.train();
        var points = new List<RangeTestPoint>(options.Iterations);
        var average = 0.0;
        var best = double.PositiveInfinity;
        var diverged = false;
        var batches = Math.Max(1, train.Count / training.BatchSize);
        Tensor? order = null;
        try
        {
            for (var i = 0; i < options.Iterations; i++)
            {
                var batch = i % batches;
                if (batch == 0)
                {
                    order?.Dispose();
                    using var generator = new Generator(unchecked((ulong)((training.Seed * 1_000_003) + (i / batches) + 1)));
                    order = torch.randperm(train.Count, generator: generator);
                }

                var rate = RateAt(options, i);
                for (var g = 0; g < groups.Count; g++)
                {
                    groups.SetRate(g, rate);
                }

                double loss;
                using (var scope = torch.NewDisposeScope())
                {
                    var index = order!.narrow(0, batch * training.BatchSize, Math.Min(training.BatchSize, train.Count));
                    optimizer.zero_grad();
                    var lossTensor = nn.functional.cross_entropy(model.call(train.Images.index_select(0, index)), train.Labels.index_select(0, index));
                    lossTensor.backward();
                    optimizer.step();
                    loss = lossTensor.item<float>();
                }

                // fastai: avg = β·avg + (1 − β)·loss, smoothed = avg / (1 − β^(i+1)).
                average = (options.Smoothing * average) + ((1 - options.Smoothing) * loss);
                var smoothed = average / (1 - Math.Pow(options.Smoothing, i + 1));
                var point = new RangeTestPoint(i, rate, loss, smoothed);
                points.Add(point);
                progress?.Invoke(point);
                if (!double.IsFinite(smoothed) || smoothed > options.DivergenceFactor * best)
                {
                    diverged = true;
                    break;
                }

                best = Math.Min(best, smoothed);
            }
        }
        finally
        {
            order?.Dispose();
        }

        return RangeTestResult.Analyse(points, diverged);
    }
}
