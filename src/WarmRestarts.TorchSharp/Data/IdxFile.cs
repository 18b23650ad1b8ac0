using System.Buffers.Binary;
using System.IO.Compression;

namespace WarmRestarts.TorchSharp.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian header — two zero bytes,
/// the element type (0x08 = unsigned byte) and the number of dimensions — then each dimension's size, then the
/// data. Files may be gzip-compressed (detected from their first bytes).
/// </summary>
public static class IdxFile
{
    /// <summary>Reads an IDX file of unsigned bytes.</summary>
    /// <param name="path">The file (raw or gzip).</param>
    /// <param name="expectedDimensions">The number of dimensions the caller needs (3 for images, 1 for labels).</param>
    /// <returns>The dimensions and the data.</returns>
    /// <exception cref="IdxFormatException">The file is missing, unreadable, truncated or malformed.</exception>
    public static IdxData Read(string path, int expectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new IdxFormatException($"{path}: file not found; check the data folder");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, path, expectedDimensions);
        }
        catch (IOException error) when (error is not IdxFormatException)
        {
            throw new IdxFormatException($"{path}: cannot be read ({error.Message}); check the file", error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new IdxFormatException($"{path}: cannot be read (permission denied); check the file's permissions", error);
        }
    }

    /// <summary>Reads an IDX stream of unsigned bytes.</summary>
    /// <param name="stream">The stream (raw or gzip); read to its end.</param>
    /// <param name="name">The name used in error messages.</param>
    /// <param name="expectedDimensions">The number of dimensions the caller needs.</param>
    /// <returns>The dimensions and the data.</returns>
    /// <exception cref="IdxFormatException">The data is truncated or malformed.</exception>
    public static IdxData Read(Stream stream, string name, int expectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        try
        {
            bytes = ReadAll(stream);
            if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                bytes = ReadAll(gzip);
            }
        }
        catch (InvalidDataException error)
        {
            throw new IdxFormatException($"{name}: the gzip data is corrupt or truncated ({error.Message}); replace the file", error);
        }

        return Parse(bytes, name, expectedDimensions);
    }

    private static IdxData Parse(byte[] bytes, string name, int expectedDimensions)
    {
        if (bytes.Length < 4)
        {
            throw new IdxFormatException($"{name}: truncated: {bytes.Length} bytes is shorter than the 4-byte IDX header; replace the file");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var expectedMagic = 0x0800u | (uint)expectedDimensions;
        if (magic != expectedMagic)
        {
            throw new IdxFormatException($"{name}: wrong magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (unsigned bytes, {expectedDimensions} dimension{(expectedDimensions == 1 ? string.Empty : "s")}); this is not an IDX {(expectedDimensions == 1 ? "label" : "image")} file");
        }

        var headerLength = 4 + (4 * expectedDimensions);
        if (bytes.Length < headerLength)
        {
            throw new IdxFormatException($"{name}: truncated: the header needs {headerLength} bytes but the file has {bytes.Length}; replace the file");
        }

        var shape = new int[expectedDimensions];
        UInt128 count = 1; // up to (2^31)^3: no overflow
        for (var i = 0; i < expectedDimensions; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + (4 * i)));
            if (size > int.MaxValue)
            {
                throw new IdxFormatException($"{name}: dimension {i} has the impossible size {size}; the file is corrupt: replace it");
            }

            shape[i] = (int)size;
            count *= size;
        }

        var available = (UInt128)(bytes.Length - headerLength);
        if (available < count)
        {
            throw new IdxFormatException($"{name}: truncated: the header promises {count} bytes of data ({string.Join(" x ", shape)}) but the file has {available}; replace the file");
        }

        if (available > count)
        {
            throw new IdxFormatException($"{name}: {available - count} bytes after the data the header describes ({string.Join(" x ", shape)}); the file is corrupt or not IDX: replace it");
        }

        return new IdxData(shape, bytes.AsMemory(headerLength, (int)(bytes.Length - headerLength)));
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

/// <summary>The content of an IDX file of unsigned bytes.</summary>
/// <param name="Shape">The size of each dimension, outermost first (count, rows, columns for images).</param>
/// <param name="Data">The bytes, row-major.</param>
public sealed record IdxData(IReadOnlyList<int> Shape, ReadOnlyMemory<byte> Data);
