using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Data;

/// <summary>
/// A labelled image set held as two pre-built tensors — images <c>[N, 1, rows, cols]</c> as float32 normalised with
/// the set's mean and standard deviation, labels <c>[N]</c> as int64 — so that training batches are slices or
/// index selections, with no per-sample allocation.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>Fashion-MNIST's pixel mean (of values scaled to [0, 1]).</summary>
    public const double FashionMnistMean = 0.2860;

    /// <summary>Fashion-MNIST's pixel standard deviation (of values scaled to [0, 1]).</summary>
    public const double FashionMnistStd = 0.3530;

    private ImageDataset(Tensor images, Tensor labels, int rows, int columns, int classes, string name, string fingerprint)
    {
        Fingerprint = fingerprint;
        Images = images;
        Labels = labels;
        Rows = rows;
        Columns = columns;
        Classes = classes;
        Name = name;
    }

    /// <summary>The images, <c>[Count, 1, Rows, Columns]</c>, float32, normalised.</summary>
    public Tensor Images { get; }

    /// <summary>The labels, <c>[Count]</c>, int64 in [0, <see cref="Classes"/>).</summary>
    public Tensor Labels { get; }

    /// <summary>The number of examples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Image height.</summary>
    public int Rows { get; }

    /// <summary>Image width.</summary>
    public int Columns { get; }

    /// <summary>The number of classes (one more than the largest label).</summary>
    public int Classes { get; }

    /// <summary>Where the data came from, for messages.</summary>
    public string Name { get; }

    /// <summary>SHA-256 (hex) of the raw image and label bytes: identifies the data for checkpoints.</summary>
    public string Fingerprint { get; }

    /// <summary>Builds a data set from the contents of an image file and a label file.</summary>
    /// <param name="images">3-dimensional IDX data: count, rows, columns.</param>
    /// <param name="labels">1-dimensional IDX data: count.</param>
    /// <param name="name">Where the data came from.</param>
    /// <param name="mean">The pixel mean to subtract (after scaling to [0, 1]).</param>
    /// <param name="std">The pixel standard deviation to divide by.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="IdxFormatException">The files disagree (counts) or hold impossible values.</exception>
    public static ImageDataset Create(IdxData images, IdxData labels, string name, double mean = FashionMnistMean, double std = FashionMnistStd)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var count = images.Shape[0];
        if (labels.Shape[0] != count)
        {
            throw new IdxFormatException($"{name}: the image file has {count} images but the label file has {labels.Shape[0]} labels; use files from the same set");
        }

        if (count == 0)
        {
            throw new IdxFormatException($"{name}: the files hold no images; use a non-empty data set");
        }

        var rows = images.Shape[1];
        var columns = images.Shape[2];
        if (rows == 0 || columns == 0)
        {
            throw new IdxFormatException($"{name}: images of {rows} x {columns} pixels; use a data set with images");
        }

        var labelBytes = labels.Data.Span;
        var classes = 0;
        foreach (var label in labelBytes)
        {
            classes = Math.Max(classes, label + 1);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(images.Data.Span);
        hash.AppendData(labelBytes);
        var fingerprint = Convert.ToHexStringLower(hash.GetHashAndReset());
        var pixelTensor = tensor(images.Data.ToArray(), [count, 1, rows, columns], ScalarType.Byte);
        var labelTensor = tensor(labelBytes.ToArray(), [count], ScalarType.Byte);
        using var scaled = pixelTensor.to_type(ScalarType.Float32).div_(255.0);
        var normalised = scaled.sub(mean).div_(std);
        var longLabels = labelTensor.to_type(ScalarType.Int64);
        pixelTensor.Dispose();
        labelTensor.Dispose();
        return new ImageDataset(normalised, longLabels, rows, columns, classes, name, fingerprint);
    }

    /// <summary>Loads an MNIST-format folder: <c>{prefix}-images-idx3-ubyte[.gz]</c> and <c>{prefix}-labels-idx1-ubyte[.gz]</c>.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="prefix"><c>train</c> or <c>t10k</c>.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="IdxFormatException">A file is missing or malformed.</exception>
    public static ImageDataset LoadFolder(string folder, string prefix)
    {
        var images = Find(folder, $"{prefix}-images-idx3-ubyte");
        var labels = Find(folder, $"{prefix}-labels-idx1-ubyte");
        return Create(IdxFile.Read(images, 3), IdxFile.Read(labels, 1), Path.Combine(folder, prefix));
    }

    /// <summary>A subset of the examples (e.g. a stratified split), as a new data set sharing nothing with this one.</summary>
    /// <param name="indices">The indices to keep, in order.</param>
    /// <param name="name">The subset's name.</param>
    /// <returns>The subset.</returns>
    public ImageDataset Select(long[] indices, string name)
    {
        ArgumentNullException.ThrowIfNull(indices);
        using var index = tensor(indices, ScalarType.Int64);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Fingerprint + ":" + string.Join(',', indices))));
        return new ImageDataset(Images.index_select(0, index), Labels.index_select(0, index), Rows, Columns, Classes, name, fingerprint);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    private static string Find(string folder, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new IdxFormatException($"{Path.Combine(folder, stem)}[.gz]: file not found; the folder must hold MNIST-format files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)");
    }
}
