using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace WarmRestarts.TorchSharp.Training;

/// <summary>
/// One checkpoint file: a magic header, the JSON state, the model's parameters, the optimizer's state, the kept
/// snapshots and the SWA average, then a SHA-256 of everything before it. Written to a temporary file in the same
/// folder, flushed to disk, then renamed over the previous checkpoint, so a crash at any moment leaves either the old
/// or the new checkpoint, never a mix; the checksum catches a file damaged or changed afterwards.
/// </summary>
internal static class CheckpointFile
{
    public const string FileName = "checkpoint.bin";

    /// <summary>
    /// Test hook (kill trials, docs/reliability.md): milliseconds to wait between the complete temporary file and the
    /// rename, so that a test can kill the process inside that window reliably. Unset or 0 in normal use.
    /// </summary>
    public const string PauseVariable = "WARMRESTARTS_TEST_CHECKPOINT_PAUSE_MS";

    private const int ChecksumLength = 32;

    private static readonly byte[] Magic = "WRCKPT01"u8.ToArray();

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Write(string directory, CheckpointState state, IReadOnlyList<Tensor> parameters, optim.Optimizer optimizer, IReadOnlyList<Tensor[]> snapshots, Tensor[]? swa)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    var json = JsonSerializer.SerializeToUtf8Bytes(state, Json);
                    writer.Write(json.Length);
                    writer.Write(json);
                    WriteTensors(writer, parameters);
                    ((global::TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
                    writer.Write(snapshots.Count);
                    foreach (var snapshot in snapshots)
                    {
                        WriteTensors(writer, snapshot);
                    }

                    writer.Write(swa is not null);
                    if (swa is not null)
                    {
                        WriteTensors(writer, swa);
                    }

                    writer.Write(Magic);
                }

                stream.Flush();
                stream.Position = 0;
                var checksum = System.Security.Cryptography.SHA256.HashData(stream);
                stream.Write(checksum);
                stream.Flush(flushToDisk: true);
            }

            if (int.TryParse(Environment.GetEnvironmentVariable(PauseVariable), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var pause) && pause > 0)
            {
                Thread.Sleep(pause);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static Loaded Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new TrainingException($"no checkpoint at {path}; resume from a folder written by train --out DIR, or start a new run");
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw Corrupt(path, bytes.Length == 0 ? "it is empty" : "it does not start with the checkpoint header");
            }

            if (bytes.Length < (2 * Magic.Length) + ChecksumLength
                || !System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumLength)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumLength)))
            {
                throw Corrupt(path, "its SHA-256 checksum does not match its content, so it was cut short or changed after it was written");
            }

            bytes = bytes[..^ChecksumLength];
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            reader.BaseStream.Position = Magic.Length;

            var jsonLength = reader.ReadInt32();
            if (jsonLength <= 0 || jsonLength > bytes.Length)
            {
                throw Corrupt(path, "its header length is impossible");
            }

            var state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadBytes(jsonLength), Json) ?? throw Corrupt(path, "its state is empty");
            if (state.FormatVersion != CheckpointState.CurrentVersion)
            {
                throw new TrainingException($"checkpoint {path} has format version {state.FormatVersion}, but this version reads {CheckpointState.CurrentVersion}; resume with the version that wrote it, or start a new run");
            }

            var parameters = ReadTensors(reader, path);
            var optimizerStart = reader.BaseStream.Position;
            return new Loaded(state, parameters, bytes, optimizerStart, path);
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or IOException or ArgumentException or NotSupportedException)
        {
            throw Corrupt(path, error.Message, error);
        }
    }

    /// <summary>Whether <paramref name="directory"/> holds a checkpoint file (intact or not).</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Removes temporary files a killed run left in <paramref name="directory"/> (never the checkpoint itself).</summary>
    /// <returns>How many were removed.</returns>
    public static int RemoveStaleTemporaries(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var stale in new[] { $".{FileName}.*.tmp", ".*.csv.*.tmp", ".*.json.*.tmp", ".write-probe.*.tmp" }.SelectMany(pattern => Directory.EnumerateFiles(directory, pattern)))
        {
            TryDelete(stale);
            removed++;
        }

        return removed;
    }

    internal static TrainingException Corrupt(string path, string detail, Exception? inner = null)
    {
        var message = $"checkpoint {path} is truncated or corrupt ({detail.ReplaceLineEndings(" ")}); resume from an intact checkpoint or start a new run";
        return inner is null ? new TrainingException(message) : new TrainingException(message, inner);
    }

    private static void WriteTensors(BinaryWriter writer, IReadOnlyList<Tensor> tensors)
    {
        writer.Write(tensors.Count);
        foreach (var tensor in tensors)
        {
            using var contiguous = tensor.detach().contiguous().cpu();
            var values = contiguous.data<float>().ToArray();
            writer.Write(values.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    internal static float[][] ReadTensors(BinaryReader reader, string path)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > 1_000_000)
        {
            throw Corrupt(path, "an impossible tensor count");
        }

        var tensors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadInt32();
            if (length < 0 || (long)length * 4 > reader.BaseStream.Length - reader.BaseStream.Position)
            {
                throw Corrupt(path, "a tensor longer than the file");
            }

            var values = new float[length];
            var read = reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            if (read != length * 4)
            {
                throw Corrupt(path, "a tensor cut short");
            }

            tensors[i] = values;
        }

        return tensors;
    }

    private static void TryDelete(string path)
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

    /// <summary>A checkpoint read back; the optimizer state and snapshots are read when the optimizer exists.</summary>
    internal sealed record Loaded(CheckpointState State, float[][] Parameters, byte[] Bytes, long OptimizerStart, string Path)
    {
        public (float[][][] Snapshots, float[][]? Swa) LoadOptimizerAndRest(optim.Optimizer optimizer)
        {
            try
            {
                using var reader = new BinaryReader(new MemoryStream(Bytes), Encoding.UTF8);
                reader.BaseStream.Position = OptimizerStart;
                ((global::TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
                var snapshotCount = reader.ReadInt32();
                if (snapshotCount < 0 || snapshotCount > 10_000)
                {
                    throw Corrupt(Path, "an impossible snapshot count");
                }

                var snapshots = new float[snapshotCount][][];
                for (var i = 0; i < snapshotCount; i++)
                {
                    snapshots[i] = ReadTensors(reader, Path);
                }

                var swa = reader.ReadBoolean() ? ReadTensors(reader, Path) : null;
                if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                {
                    throw Corrupt(Path, "it does not end with the checkpoint trailer");
                }

                return (snapshots, swa);
            }
            catch (Exception error) when (error is EndOfStreamException or IOException or ArgumentException or InvalidOperationException)
            {
                throw Corrupt(Path, error.Message, error);
            }
        }
    }
}
