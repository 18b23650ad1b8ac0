using System.Buffers.Binary;
using System.IO.Compression;

namespace WarmRestarts.Cli.Tests.Training;

/// <summary>
/// The bad-data catalogue of <c>train --data FOLDER</c>: each of the four IDX files missing, empty, cut in the header
/// or the data, with a wrong magic number, an impossible size, trailing bytes, damaged gzip, or a count that does
/// not match its partner. Each run exits 2 with one line naming the file and what is wrong, before training, and
/// creates no output folder.
/// </summary>
[Collection(TrainSerial.Name)]
public sealed class DataFileCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("data-catalog-").FullName;
    private readonly string _good;

    public DataFileCatalogTests()
    {
        // TinyIdx writes the training files raw and the test files gzip-compressed.
        _good = TinyIdx.Create(Path.Combine(_folder, "good"), trainCount: 64, testCount: 16);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, string> Catalogue()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var file in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
        {
            data.Add(file, "missing", "file not found");
            data.Add(file, "empty", "shorter than the 4-byte IDX header");
            data.Add(file, "cut-header", "truncated: the header needs");
            data.Add(file, "cut-data", "truncated: the header promises");
            data.Add(file, "magic", "wrong magic number");
            data.Add(file, "huge-size", "impossible size");
            data.Add(file, "huge-count", "truncated: the header promises");
            data.Add(file, "trailing", "bytes after the data");
            data.Add(file, "one-less", "images but the label file has");
        }

        data.Add("t10k-images-idx3-ubyte.gz", "gzip-garbage", "gzip data is corrupt");
        data.Add("t10k-labels-idx1-ubyte.gz", "gzip-cut", "truncated");
        return data;
    }

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Each_bad_data_file_exits_2_naming_the_file_before_training(string file, string damage, string expected)
    {
        var data = Path.Combine(_folder, damage + "-" + file);
        Directory.CreateDirectory(data);
        foreach (var good in Directory.GetFiles(_good))
        {
            File.Copy(good, Path.Combine(data, Path.GetFileName(good)));
        }

        Damage(Path.Combine(data, file), damage);
        var output = Path.Combine(_folder, "out-" + damage + "-" + file);

        var line = CliRunner.AssertBadInput(CliRunner.RunCore(string.Empty, false, ["train", "--data", data, "--epochs", "1", "--out", output], null, null, default));

        var named = damage == "one-less" ? data : Path.Combine(data, file.Replace(".gz", string.Empty, StringComparison.Ordinal));
        Assert.True(line.Contains(named, StringComparison.Ordinal), $"'{named}' not named in: {line}");
        Assert.True(line.Contains(expected, StringComparison.Ordinal), $"'{expected}' not in: {line}");
        Assert.Matches("; .{6,}", line);
        Assert.False(Directory.Exists(output), "the output folder was created");
    }

    private static void Damage(string path, string damage)
    {
        var gzip = path.EndsWith(".gz", StringComparison.Ordinal);
        switch (damage)
        {
            case "missing":
                File.Delete(path);
                return;
            case "gzip-garbage":
                var raw = File.ReadAllBytes(path);
                for (var i = 20; i < raw.Length - 8; i += 7)
                {
                    raw[i] ^= 0x5A;
                }

                File.WriteAllBytes(path, raw);
                return;
            case "gzip-cut":
                var zipped = File.ReadAllBytes(path);
                File.WriteAllBytes(path, zipped[..(zipped.Length / 2)]);
                return;
        }

        var bytes = gzip ? Unzip(File.ReadAllBytes(path)) : File.ReadAllBytes(path);
        var dimensions = bytes[3];
        bytes = damage switch
        {
            "empty" => [],
            "cut-header" => bytes[..(4 + (4 * dimensions) - 2)],
            "cut-data" => bytes[..(bytes.Length - 10)],
            "magic" => [.. bytes[..2], 0x0D, bytes[3], .. bytes[4..]],
            "huge-size" => WithSize(bytes, dimensions - 1, 0xFFFFFFF0u),
            "huge-count" => WithSize(WithSize(bytes, 0, 0x7FFFFFFFu), dimensions - 1, 0x7FFFFFFFu),
            "trailing" => [.. bytes, 1, 2, 3],
            "one-less" => OneLess(bytes, dimensions),
            _ => throw new ArgumentOutOfRangeException(nameof(damage), damage, null),
        };
        if (gzip && damage != "empty")
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
    }

    private static byte[] WithSize(byte[] bytes, int dimension, uint size)
    {
        var copy = bytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(4 + (4 * dimension)), size);
        return copy;
    }

    /// <summary>One item fewer: the count in the header and the data shrink together, so the file itself is valid.</summary>
    private static byte[] OneLess(byte[] bytes, int dimensions)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        var itemSize = (bytes.Length - 4 - (4 * dimensions)) / (int)count;
        return WithSize(bytes, 0, count - 1)[..(bytes.Length - itemSize)];
    }

    private static byte[] Unzip(byte[] zipped)
    {
        using var input = new GZipStream(new MemoryStream(zipped), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
