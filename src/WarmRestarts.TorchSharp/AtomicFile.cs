namespace WarmRestarts.TorchSharp;

/// <summary>Writes files so that a reader (or a crash) sees either the old content or the new, never a part.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, flushes it to disk and renames it over <paramref name="path"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="content">Its new content.</param>
    public static void WriteAllText(string path, string content) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(content);
        });

    /// <summary>Writes through <paramref name="write"/> to a temporary file beside <paramref name="path"/>, then renames it over <paramref name="path"/>. On failure nothing is left behind and <paramref name="path"/> is untouched.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="write">Writes the content.</param>
    /// <exception cref="IOException">The write failed (a full disk, a file-size limit, a missing folder ...).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (ArgumentOutOfRangeException error) when (error.ParamName == "value")
        {
            // .NET reports EFBIG (a write past the process's file-size limit or the file system's largest file) this
            // way; for callers it is a failed write like ENOSPC, so it surfaces as one.
            DeleteQuietly(temporary);
            throw new IOException($"{path} would pass the file-size limit (or the largest file the file system allows); free room, raise the limit (ulimit -f) or choose another folder", error);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
