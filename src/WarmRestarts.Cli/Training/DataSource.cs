using WarmRestarts.TorchSharp.Data;

namespace WarmRestarts.Cli.Training;

/// <summary>
/// The data set a training command runs on, resolved from <c>--data</c>: <c>embedded</c> (the default),
/// <c>fashion-mnist</c> (Debian's full set) or the path of any folder of MNIST-format IDX files
/// (<c>train-images-idx3-ubyte[.gz]</c>, <c>train-labels-idx1-ubyte[.gz]</c>, <c>t10k-…</c>; gzip or raw).
/// Resolving checks that the folder exists (a one-line <see cref="CliUsageException"/> otherwise) but reads nothing;
/// <see cref="Load"/> reads the files.
/// </summary>
/// <param name="Argument">How the data was named: <c>embedded</c>, <c>fashion-mnist</c>, or the folder's full path (stored with a run so that <c>--resume</c> finds it again).</param>
/// <param name="Folder">The folder holding the IDX files.</param>
internal sealed record DataSource(string Argument, string Folder)
{
    /// <summary>The name of the embedded subset.</summary>
    public const string EmbeddedName = "embedded";

    /// <summary>The name of Debian's full Fashion-MNIST.</summary>
    public const string FashionMnistName = "fashion-mnist";

    /// <summary>Resolves a <c>--data</c> value (<see langword="null"/>: the embedded subset).</summary>
    /// <param name="data">The option's value.</param>
    /// <param name="locations">Where the named sets are.</param>
    /// <returns>The data source.</returns>
    /// <exception cref="CliUsageException">The folder does not exist (for <c>fashion-mnist</c>: how to install it).</exception>
    public static DataSource Resolve(string? data, DataLocations locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var name = string.IsNullOrWhiteSpace(data) ? EmbeddedName : data.Trim();
        if (name == EmbeddedName)
        {
            if (!HasTrainingImages(locations.Embedded))
            {
                throw new CliUsageException($"the embedded data set is missing from {locations.Embedded}; rebuild or reinstall warmrestarts, or give --data fashion-mnist or --data PATH");
            }

            return new DataSource(EmbeddedName, locations.Embedded);
        }

        if (name == FashionMnistName)
        {
            if (!HasTrainingImages(locations.FashionMnist))
            {
                throw new CliUsageException($"--data fashion-mnist: the full Fashion-MNIST set is not in {locations.FashionMnist}; install it with: apt-get install dataset-fashion-mnist (or give --data PATH to a folder of IDX files)");
            }

            return new DataSource(FashionMnistName, locations.FashionMnist);
        }

        var folder = Path.GetFullPath(name);
        if (File.Exists(folder))
        {
            throw new CliUsageException($"--data must be embedded, fashion-mnist or a folder of IDX files, but '{data}' is a file; give the folder that holds it");
        }

        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"--data must be embedded, fashion-mnist or a folder of IDX files, but the folder '{data}' does not exist");
        }

        return new DataSource(folder, folder);
    }

    /// <summary>Reads the training (<c>train-</c>) and test (<c>t10k-</c>) sets.</summary>
    /// <returns>Both sets; the caller disposes them.</returns>
    /// <exception cref="IdxFormatException">A file is missing or malformed (one line naming the file).</exception>
    public (ImageDataset Train, ImageDataset Test) Load()
    {
        var train = ImageDataset.LoadFolder(Folder, "train");
        try
        {
            return (train, ImageDataset.LoadFolder(Folder, "t10k"));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>How the data is shown to the user.</summary>
    /// <returns>The name of a named set, or the folder.</returns>
    public override string ToString() => Argument switch
    {
        EmbeddedName => "embedded Fashion-MNIST subset",
        FashionMnistName => $"Fashion-MNIST ({Folder})",
        _ => Folder,
    };

    private static bool HasTrainingImages(string folder) =>
        File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")) || File.Exists(Path.Combine(folder, "train-images-idx3-ubyte"));
}
