using System.Buffers.Binary;
using System.IO.Compression;
using WarmRestarts.TorchSharp.Data;

namespace WarmRestarts.TorchSharp.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("idx-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Idx(uint magic, int[] shape, int dataLength)
    {
        var bytes = new byte[4 + (4 * shape.Length) + dataLength];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (var i = 0; i < shape.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + (4 * i)), (uint)shape[i]);
        }

        for (var i = 0; i < dataLength; i++)
        {
            bytes[4 + (4 * shape.Length) + i] = (byte)(i % 251);
        }

        return bytes;
    }

    private string Save(string name, byte[] bytes, bool gzip = false)
    {
        var path = Path.Combine(_folder, name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    [Fact]
    public void Reads_raw_and_gzip_files()
    {
        var bytes = Idx(0x0803, [2, 3, 4], 24);
        foreach (var gzip in new[] { false, true })
        {
            var data = IdxFile.Read(Save($"images{gzip}", bytes, gzip), 3);
            Assert.Equal([2, 3, 4], data.Shape);
            Assert.Equal(bytes[16..], data.Data.ToArray());
        }
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var path = Path.Combine(_folder, "nope.gz");
        var error = Assert.Throws<IdxFormatException>(() => IdxFile.Read(path, 1));
        Assert.Equal($"{path}: file not found; check the data folder", error.Message);
    }

    [Fact]
    public void Wrong_magic_says_what_was_expected()
    {
        var path = Save("labels", Idx(0x0803, [2, 1, 1], 2));
        var error = Assert.Throws<IdxFormatException>(() => IdxFile.Read(path, 1));
        Assert.Equal($"{path}: wrong magic number 0x00000803, expected 0x00000801 (unsigned bytes, 1 dimension); this is not an IDX label file", error.Message);
    }

    [Fact]
    public void Truncated_data_counts_the_missing_bytes()
    {
        var path = Save("images", Idx(0x0803, [10, 28, 28], 100), gzip: true);
        var error = Assert.Throws<IdxFormatException>(() => IdxFile.Read(path, 3));
        Assert.Equal($"{path}: truncated: the header promises 7840 bytes of data (10 x 28 x 28) but the file has 100; replace the file", error.Message);
    }

    [Fact]
    public void Truncated_header_and_trailing_bytes_and_corrupt_gzip_are_refused()
    {
        Assert.Contains("shorter than the 4-byte IDX header", Assert.Throws<IdxFormatException>(() => IdxFile.Read(Save("a", [0, 0]), 1)).Message, StringComparison.Ordinal);
        Assert.Contains("the header needs 16 bytes", Assert.Throws<IdxFormatException>(() => IdxFile.Read(Save("b", Idx(0x0803, [1], 0)), 3)).Message, StringComparison.Ordinal);
        Assert.Contains("5 bytes after the data", Assert.Throws<IdxFormatException>(() => IdxFile.Read(Save("c", Idx(0x0801, [3], 8)), 1)).Message, StringComparison.Ordinal);
        var gzip = File.ReadAllBytes(Save("d", Idx(0x0801, [300], 300), gzip: true));
        var error = Assert.Throws<IdxFormatException>(() => IdxFile.Read(Save("e", gzip[..(gzip.Length / 2)]), 1));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        var images = IdxFile.Read(Save("train-images-idx3-ubyte", Idx(0x0803, [3, 2, 2], 12)), 3);
        var labels = IdxFile.Read(Save("train-labels-idx1-ubyte", Idx(0x0801, [2], 2)), 1);
        var error = Assert.Throws<IdxFormatException>(() => ImageDataset.Create(images, labels, "set"));
        Assert.Equal("set: the image file has 3 images but the label file has 2 labels; use files from the same set", error.Message);
    }

    [Fact]
    public void Folder_without_the_files_lists_what_is_needed()
    {
        var error = Assert.Throws<IdxFormatException>(() => ImageDataset.LoadFolder(_folder, "train"));
        Assert.Contains("file not found; the folder must hold MNIST-format files", error.Message, StringComparison.Ordinal);
    }
}
