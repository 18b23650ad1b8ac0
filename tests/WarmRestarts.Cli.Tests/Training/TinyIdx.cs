using System.Buffers.Binary;
using System.IO.Compression;
using WarmRestarts.TorchSharp.Data;

namespace WarmRestarts.Cli.Tests.Training;

/// <summary>
/// A tiny MNIST-format folder for fast train runs: the first images of the embedded Fashion-MNIST subset (which the
/// CLI's build copies beside the tests), training files raw and test files gzip, so both encodings are read.
/// </summary>
internal static class TinyIdx
{
    public static string Create(string folder, int trainCount, int testCount)
    {
        Directory.CreateDirectory(folder);
        var source = Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-subset");
        Copy(source, folder, "train", trainCount, gzip: false);
        Copy(source, folder, "t10k", testCount, gzip: true);
        return folder;
    }

    private static void Copy(string source, string target, string prefix, int count, bool gzip)
    {
        var images = IdxFile.Read(Path.Combine(source, $"{prefix}-images-idx3-ubyte.gz"), 3);
        var labels = IdxFile.Read(Path.Combine(source, $"{prefix}-labels-idx1-ubyte.gz"), 1);

        // The subset is in file order, class by class interleaved as in the original: take every k-th image so all classes appear.
        var stride = images.Shape[0] / count;
        var pixels = images.Shape[1] * images.Shape[2];
        var imageBytes = new byte[count * pixels];
        var labelBytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            images.Data.Span.Slice(i * stride * pixels, pixels).CopyTo(imageBytes.AsSpan(i * pixels));
            labelBytes[i] = labels.Data.Span[i * stride];
        }

        Write(Path.Combine(target, $"{prefix}-images-idx3-ubyte"), [count, images.Shape[1], images.Shape[2]], imageBytes, gzip);
        Write(Path.Combine(target, $"{prefix}-labels-idx1-ubyte"), [count], labelBytes, gzip);
    }

    private static void Write(string path, int[] shape, byte[] data, bool gzip)
    {
        using var buffer = new MemoryStream();
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, 0x0800u | (uint)shape.Length);
        buffer.Write(word);
        foreach (var size in shape)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)size);
            buffer.Write(word);
        }

        buffer.Write(data);
        if (gzip)
        {
            using var file = File.Create(path + ".gz");
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(buffer.ToArray());
        }
        else
        {
            File.WriteAllBytes(path, buffer.ToArray());
        }
    }
}
