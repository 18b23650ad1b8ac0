using WarmRestarts.TorchSharp.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>Accuracy of a network, or of an ensemble of weight snapshots, on a data set (no gradients, in chunks of 1000).</summary>
public static class Evaluation
{
    private const long Chunk = 1000;

    /// <summary>The fraction of <paramref name="data"/> that <paramref name="model"/> classifies correctly.</summary>
    /// <param name="model">The network (its train/eval mode is restored afterwards).</param>
    /// <param name="data">The examples.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var training = model.training;
        model.eval();
        long correct = 0;
        using (torch.no_grad())
        {
            for (long start = 0; start < data.Count; start += Chunk)
            {
                using var scope = torch.NewDisposeScope();
                var length = Math.Min(Chunk, data.Count - start);
                correct += model.call(data.Images.narrow(0, start, length)).argmax(1).eq(data.Labels.narrow(0, start, length)).sum().item<long>();
            }
        }

        model.train(training);
        return (double)correct / data.Count;
    }

    /// <summary>Accuracy of the ensemble that averages the softmax outputs of <paramref name="snapshots"/> (Huang et al., arXiv 1704.00109).</summary>
    /// <param name="model">A network of the snapshots' architecture; its weights are overwritten.</param>
    /// <param name="snapshots">Weight sets, each in <c>model.parameters()</c> order.</param>
    /// <param name="data">The examples.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double EnsembleAccuracy(nn.Module<Tensor, Tensor> model, IReadOnlyList<Tensor[]> snapshots, ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(data);
        if (snapshots.Count == 0)
        {
            return double.NaN;
        }

        var parameters = model.parameters().ToArray();
        model.eval();
        using var noGrad = torch.no_grad();
        Tensor? sum = null;
        foreach (var snapshot in snapshots)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].copy_(snapshot[i]);
            }

            for (long start = 0; start < data.Count; start += Chunk)
            {
                using var scope = torch.NewDisposeScope();
                var length = Math.Min(Chunk, data.Count - start);
                var probabilities = nn.functional.softmax(model.call(data.Images.narrow(0, start, length)), 1);
                sum ??= torch.zeros(data.Count, probabilities.shape[1]).MoveToOuterDisposeScope();
                sum.narrow(0, start, length).add_(probabilities);
            }
        }

        using (sum)
        {
            using var predicted = sum!.argmax(1);
            using var hits = predicted.eq(data.Labels);
            return (double)hits.sum().item<long>() / data.Count;
        }
    }
}
