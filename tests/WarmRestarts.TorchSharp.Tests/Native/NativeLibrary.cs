namespace WarmRestarts.TorchSharp.Tests.Native;

/// <summary>Where the test run's copies of TorchSharp's native library are, and unpatched scratch copies of it.</summary>
internal static class NativeLibrary
{
    public const string FileName = "libLibTorchSharp.so";

    /// <summary>The copy the build put next to the tests (under runtimes/linux-x64/native/ for a RID-less build).</summary>
    public static string OutputCopy
    {
        get
        {
            string[] candidates =
            [
                Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName),
                Path.Combine(AppContext.BaseDirectory, FileName),
            ];
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException($"no {FileName} in the test output folder {AppContext.BaseDirectory}");
        }
    }

    /// <summary>The NuGet cache copy (read only here), or null when the cache is elsewhere.</summary>
    public static string? CacheCopy
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            }

            var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", FileName);
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>A copy of the output library in a new temp folder, with the GLIBCXX_3.4.32 requirement strong again.</summary>
    public static string UnpatchedCopy(TempFolder folder)
    {
        var path = Path.Combine(folder.Path, FileName);
        File.Copy(OutputCopy, path);
        ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: false, []);
        return path;
    }

    public static ElfVersionNeed Need(string path) =>
        ElfVersionPatch.ReadVersionNeeds(File.ReadAllBytes(path), path)
            .Single(n => n.File == ElfVersionPatch.LibStdCxx && n.Version == ElfVersionPatch.Glibcxx3432);
}

/// <summary>A temp folder deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wr-elf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
