namespace WarmRestarts.Cli.Training;

/// <summary>
/// Where the training commands find their named data sets: the embedded subset (copied beside the assembly by the
/// build, so it is found from any working directory, by <c>dotnet run</c>, a published build and the packed tool) and
/// Debian's full Fashion-MNIST. Registered with the command app; tests give their own folders.
/// </summary>
/// <param name="Embedded">The folder of the embedded Fashion-MNIST subset (10,000 + 2,000 images).</param>
/// <param name="FashionMnist">The folder of the full Fashion-MNIST set (60,000 + 10,000 images).</param>
internal sealed record DataLocations(string Embedded, string FashionMnist)
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package puts the files.</summary>
    public const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    /// <summary>The embedded subset beside the CLI assembly, and Debian's Fashion-MNIST.</summary>
    public static DataLocations Default { get; } = new(
        Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-subset"),
        DebianFashionMnist);
}
