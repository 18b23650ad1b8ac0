using System.Globalization;

namespace WarmRestarts.Cli.Training;

/// <summary>Chooses a run's output folder so that an existing run is never overwritten.</summary>
internal static class RunFolder
{
    /// <summary>The folder new runs go under by default, relative to the working directory.</summary>
    public const string DefaultRoot = "runs";

    /// <summary>
    /// A folder under <paramref name="root"/> named after the time (UTC, e.g. <c>20261203-214501</c>) that does not exist
    /// yet (<c>-2</c>, <c>-3</c>, … appended when it does). Not created: the trainer creates it when training starts.
    /// </summary>
    /// <param name="root">The parent folder.</param>
    /// <param name="now">The time to name it after.</param>
    /// <returns>The full path.</returns>
    public static string NewUnder(string root, DateTime now)
    {
        var stem = Path.GetFullPath(Path.Combine(root, now.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        var candidate = stem;
        for (var n = 2; Directory.Exists(candidate) || File.Exists(candidate); n++)
        {
            candidate = FormattableString.Invariant($"{stem}-{n}");
        }

        return candidate;
    }

    /// <summary>Checks that <c>--out</c> names a folder that holds no run (it may not exist yet, or be empty).</summary>
    /// <param name="folder">The folder.</param>
    /// <exception cref="CliUsageException">It is a file, or a folder with files in it.</exception>
    public static void CheckFresh(string folder)
    {
        if (File.Exists(folder))
        {
            throw new CliUsageException($"--out must name a folder, but {folder} is a file; give a new folder");
        }

        // Temporary files a killed run left (.NAME.….tmp, never a result) do not make a folder taken.
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(entry => !IsTemporary(entry)))
        {
            throw new CliUsageException($"--out {folder} already holds files, and a run is never overwritten; give a new folder, or continue that run with --resume {folder}");
        }
    }

    private static bool IsTemporary(string entry)
    {
        var name = Path.GetFileName(entry);
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal) && File.Exists(entry);
    }

    /// <summary>Removes a folder the run created when it failed before writing anything into it.</summary>
    /// <param name="folder">The folder.</param>
    public static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
