using TorchSharp;
using WarmRestarts.TorchSharp.Data;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Training;

/// <summary>A classifier's mean cross-entropy and accuracy over a whole dataset, as the Trainer measures its test set.</summary>
public static class ModelEvaluation
{
    /// <summary>The images evaluated per batch (the batch only changes the order in which the loss is summed).</summary>
    public const int BatchSize = 1000;

    /// <summary>
    /// Evaluates <paramref name="model"/> on every image of <paramref name="data"/> in eval mode, without gradients, in
    /// batches of <see cref="BatchSize"/>; the model is back in training mode afterwards.
    /// </summary>
    /// <param name="model">A classifier returning one logit per class.</param>
    /// <param name="data">The images and labels.</param>
    /// <returns>The mean cross-entropy (summed per batch, divided by the image count) and the share classified correctly.</returns>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.eval();
        double loss = 0;
        long correct = 0;
        using (torch.no_grad())
        {
            for (long start = 0; start < data.Count; start += BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                var length = Math.Min(BatchSize, data.Count - start);
                var images = data.Images.narrow(0, start, length);
                var labels = data.Labels.narrow(0, start, length);
                var logits = model.call(images);
                loss += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                correct += logits.argmax(1).eq(labels).sum().item<long>();
            }
        }

        model.train();
        return (loss / data.Count, (double)correct / data.Count);
    }
}
