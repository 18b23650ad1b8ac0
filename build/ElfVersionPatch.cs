// Makes TorchSharp's native library load on hosts whose libstdc++ is older than the one it was linked against.
//
// TorchSharp 0.107.0's libLibTorchSharp.so records that it needs the symbol version GLIBCXX_3.4.32 (GCC 13's
// libstdc++); Debian 12 ships GLIBCXX_3.4.30, so the dynamic loader refuses the library and TorchSharp reports a
// misleading "doesn't contain a reference to libtorch-cpu-linux-x64". The only symbol bound to that version is
// _ZSt21ios_base_library_initv, which the library never calls. Setting VER_FLG_WEAK (0x2) in vna_flags of that one
// Vernaux entry of .gnu.version_r turns the missing version into a warning-free, non-fatal requirement.
//
// This file holds the ELF logic (ElfVersionPatch, no MSBuild dependency) and, unless ELF_PATCH_TESTS is defined,
// the MSBuild task that applies it to the copies in a build or publish output folder (build/TorchSharpNativeFix.targets).
// It is compiled by MSBuild's RoslynCodeTaskFactory against netstandard 2.0, so it keeps to that API surface.
#nullable enable

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

/// <summary>One Vernaux entry of <c>.gnu.version_r</c>: a symbol version needed from a shared library.</summary>
internal sealed class ElfVersionNeed
{
    public ElfVersionNeed(string file, string version, ushort flags, ushort index, long flagsOffset, IReadOnlyList<string> symbols)
    {
        File = file;
        Version = version;
        Flags = flags;
        Index = index;
        FlagsOffset = flagsOffset;
        Symbols = symbols;
    }

    /// <summary>The library the version is needed from (<c>vn_file</c>), e.g. <c>libstdc++.so.6</c>.</summary>
    public string File { get; }

    /// <summary>The version name (<c>vna_name</c>), e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary><c>vna_flags</c>.</summary>
    public ushort Flags { get; }

    /// <summary><c>vna_other</c>: the index the symbols of <c>.gnu.version</c> use for this version.</summary>
    public ushort Index { get; }

    /// <summary>The file offset of <c>vna_flags</c>.</summary>
    public long FlagsOffset { get; }

    /// <summary>The dynamic symbols bound to this version.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Whether <c>VER_FLG_WEAK</c> is set.</summary>
    public bool IsWeak => (Flags & ElfVersionPatch.VerFlagWeak) != 0;
}

/// <summary>The outcome of <see cref="ElfVersionPatch.SetWeak"/>.</summary>
internal sealed class ElfPatchResult
{
    public ElfPatchResult(string path, ElfVersionNeed need, ushort flagsAfter)
    {
        Path = path;
        Need = need;
        FlagsAfter = flagsAfter;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The entry as it was before (its <see cref="ElfVersionNeed.Flags"/> are the flags before).</summary>
    public ElfVersionNeed Need { get; }

    /// <summary>The flags after.</summary>
    public ushort FlagsAfter { get; }

    /// <summary>Whether the file was rewritten.</summary>
    public bool Changed => FlagsAfter != Need.Flags;
}

/// <summary>
/// Reads the symbol-version sections of an ELF64 little-endian shared library and flips <c>VER_FLG_WEAK</c> on one
/// needed version. Everything read is bounds-checked; a malformed file raises <see cref="InvalidDataException"/>
/// and is never written.
/// </summary>
internal static class ElfVersionPatch
{
    /// <summary>The library TorchSharp's native layer needs a newer version of.</summary>
    public const string LibStdCxx = "libstdc++.so.6";

    /// <summary>The version Debian 12's libstdc++ lacks.</summary>
    public const string Glibcxx3432 = "GLIBCXX_3.4.32";

    /// <summary>The one symbol bound to <see cref="Glibcxx3432"/> in libLibTorchSharp.so; never called by it.</summary>
    public const string IosBaseLibraryInit = "_ZSt21ios_base_library_initv";

    /// <summary><c>VER_FLG_WEAK</c>.</summary>
    public const ushort VerFlagWeak = 0x2;

    private const uint ShtStrtab = 3;
    private const uint ShtDynsym = 11;
    private const uint ShtNobits = 8;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const int SectionHeaderSize = 64;
    private const int SymbolSize = 24;

    /// <summary>Lists every Vernaux entry of <c>.gnu.version_r</c>, with the dynamic symbols bound to it.</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <returns>The entries, in file order; empty when the file has no <c>.gnu.version_r</c>.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed ELF64 little-endian object.</exception>
    public static IReadOnlyList<ElfVersionNeed> ReadVersionNeeds(byte[] data, string source)
    {
        var sections = ReadSections(data, source);
        var verneed = FindOne(sections, ShtGnuVerneed, ".gnu.version_r", source);
        var needs = new List<ElfVersionNeed>();
        if (verneed is null)
        {
            return needs;
        }

        var strings = LinkedSection(sections, verneed, ShtStrtab, ".gnu.version_r", source);
        var symbolsByIndex = ReadSymbolVersions(data, sections, source);
        var end = verneed.Offset + verneed.Size;
        var entry = verneed.Offset;
        var count = verneed.Info;
        if (count > verneed.Size / 16)
        {
            throw Bad(source, "its .gnu.version_r claims " + Show(count) + " entries but holds " + Show(verneed.Size) + " bytes");
        }

        for (ulong i = 0; i < count; i++)
        {
            Require(entry, 16, verneed.Offset, end, source, "a Verneed entry");
            var version = U16(data, entry);
            if (version != 1)
            {
                throw Bad(source, "Verneed entry at 0x" + Hex(entry) + " has version " + Show(version) + ", expected 1");
            }

            var auxCount = U16(data, entry + 2);
            var file = ReadString(data, strings, U32(data, entry + 4), source);
            var aux = entry + U32(data, entry + 8);
            for (var j = 0; j < auxCount; j++)
            {
                Require(aux, 16, verneed.Offset, end, source, "a Vernaux entry");
                var flags = U16(data, aux + 4);
                var index = U16(data, aux + 6);
                var name = ReadString(data, strings, U32(data, aux + 8), source);
                symbolsByIndex.TryGetValue(index, out var symbols);
                needs.Add(new ElfVersionNeed(file, name, flags, index, (long)(aux + 4), symbols ?? new List<string>()));
                var next = U32(data, aux + 12);
                if (next == 0 && j + 1 < auxCount)
                {
                    throw Bad(source, "Vernaux chain of " + file + " ends after " + Show(j + 1) + " of " + Show(auxCount) + " entries");
                }

                aux += next;
            }

            var nextEntry = U32(data, entry + 12);
            if (nextEntry == 0 && i + 1 < count)
            {
                throw Bad(source, "Verneed chain ends after " + Show(i + 1) + " of " + Show(count) + " entries");
            }

            entry += nextEntry;
        }

        return needs;
    }

    /// <summary>Lists the version names a shared library defines (<c>.gnu.version_d</c>), without the base entry (the soname).</summary>
    /// <param name="data">The whole file.</param>
    /// <param name="source">The file name, for messages.</param>
    /// <returns>The names, in file order; empty when the file defines no versions.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed ELF64 little-endian object.</exception>
    public static IReadOnlyList<string> ReadVersionDefinitions(byte[] data, string source)
    {
        var sections = ReadSections(data, source);
        var verdef = FindOne(sections, ShtGnuVerdef, ".gnu.version_d", source);
        var names = new List<string>();
        if (verdef is null)
        {
            return names;
        }

        var strings = LinkedSection(sections, verdef, ShtStrtab, ".gnu.version_d", source);
        var end = verdef.Offset + verdef.Size;
        var entry = verdef.Offset;
        var count = verdef.Info;
        if (count > verdef.Size / 20)
        {
            throw Bad(source, "its .gnu.version_d claims " + Show(count) + " entries but holds " + Show(verdef.Size) + " bytes");
        }

        for (ulong i = 0; i < count; i++)
        {
            Require(entry, 20, verdef.Offset, end, source, "a Verdef entry");
            var version = U16(data, entry);
            if (version != 1)
            {
                throw Bad(source, "Verdef entry at 0x" + Hex(entry) + " has version " + Show(version) + ", expected 1");
            }

            var flags = U16(data, entry + 2);
            var auxCount = U16(data, entry + 6);
            if (auxCount > 0)
            {
                var aux = entry + U32(data, entry + 12);
                Require(aux, 8, verdef.Offset, end, source, "a Verdaux entry");
                if ((flags & 1) == 0)
                {
                    names.Add(ReadString(data, strings, U32(data, aux), source));
                }
            }

            var next = U32(data, entry + 16);
            if (next == 0 && i + 1 < count)
            {
                throw Bad(source, "Verdef chain ends after " + Show(i + 1) + " of " + Show(count) + " entries");
            }

            entry += next;
        }

        return names;
    }

    /// <summary>
    /// Sets (or clears) <c>VER_FLG_WEAK</c> on the Vernaux entry for <paramref name="version"/> of
    /// <paramref name="file"/>. Idempotent: when the flag already has the wanted value the file is not touched. The
    /// file is rewritten atomically (a copy in the same folder, patched, checked, renamed over the original), keeping
    /// its mode and modification time, so a hard or symbolic link to another copy (a package cache) is replaced, never
    /// written through.
    /// </summary>
    /// <param name="path">The shared library.</param>
    /// <param name="file">The needed library, e.g. <see cref="LibStdCxx"/>.</param>
    /// <param name="version">The needed version, e.g. <see cref="Glibcxx3432"/>.</param>
    /// <param name="weak">Whether to set (<see langword="true"/>) or clear the flag.</param>
    /// <param name="allowedSymbols">When setting: the only symbols that may be bound to the version (they must be
    /// unused by the library); another bound symbol makes the call fail. Ignored when clearing.</param>
    /// <returns>The entry before and the flags after, or <see langword="null"/> when the file does not need the version (then it is not touched).</returns>
    /// <exception cref="InvalidDataException">The file is malformed, or needs the version more than once.</exception>
    /// <exception cref="InvalidOperationException">Other symbols than <paramref name="allowedSymbols"/> are bound to the version.</exception>
    public static ElfPatchResult? SetWeak(string path, string file, string version, bool weak, ICollection<string> allowedSymbols)
    {
        var need = FindNeed(File.ReadAllBytes(path), path, file, version);
        if (need is null)
        {
            return null;
        }

        var flags = weak ? (ushort)(need.Flags | VerFlagWeak) : (ushort)(need.Flags & ~VerFlagWeak);
        if (flags == need.Flags)
        {
            return new ElfPatchResult(path, need, flags);
        }

        if (weak)
        {
            foreach (var symbol in need.Symbols)
            {
                if (!allowedSymbols.Contains(symbol))
                {
                    throw new InvalidOperationException(path + ": " + version + " of " + file + " is also needed by " + symbol
                        + ", which may be called; weakening it could crash at run time, so the file was left unchanged; install a "
                        + file + " that defines " + version);
                }
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp");
        var modified = File.GetLastWriteTimeUtc(path);
        try
        {
            File.Copy(path, temp, overwrite: false); // copies the mode bits
            var copy = File.ReadAllBytes(temp);
            var copied = FindNeed(copy, path, file, version);
            if (copied is null || copied.FlagsOffset != need.FlagsOffset || copied.Flags != need.Flags)
            {
                throw new IOException(path + " changed while it was being patched; build again");
            }

            copy[need.FlagsOffset] = (byte)flags;
            copy[need.FlagsOffset + 1] = (byte)(flags >> 8);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                stream.Position = need.FlagsOffset;
                stream.Write(copy, (int)need.FlagsOffset, 2);
                stream.Flush(flushToDisk: true);
            }

            var check = FindNeed(File.ReadAllBytes(temp), temp, file, version);
            if (check is null || check.Flags != flags)
            {
                throw new IOException(path + ": the patched copy reads back vna_flags 0x" + (check?.Flags ?? 0).ToString("x4", CultureInfo.InvariantCulture) + "; left unchanged");
            }

            File.SetLastWriteTimeUtc(temp, modified);
            File.Replace(temp, path, destinationBackupFileName: null); // rename(2): atomic, replaces links instead of writing through them
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return new ElfPatchResult(path, need, flags);
    }

    /// <summary>
    /// Finds the shared library <paramref name="soname"/> the way this process's dynamic loader found it: the copy
    /// mapped into this process (<c>/proc/self/maps</c>), else the first match in <c>LD_LIBRARY_PATH</c>, the
    /// <c>/etc/ld.so.conf</c> folders and the default folders.
    /// </summary>
    /// <param name="soname">The library, e.g. <see cref="LibStdCxx"/>.</param>
    /// <returns>The path, or <see langword="null"/> when none is found.</returns>
    public static string? FindHostLibrary(string soname)
    {
        const string maps = "/proc/self/maps";
        if (File.Exists(maps))
        {
            foreach (var line in File.ReadLines(maps))
            {
                var slash = line.IndexOf('/');
                if (slash < 0)
                {
                    continue;
                }

                var mapped = line.Substring(slash);
                if (Path.GetFileName(mapped).StartsWith(soname, StringComparison.Ordinal) && File.Exists(mapped))
                {
                    return mapped;
                }
            }
        }

        foreach (var directory in SearchDirectories())
        {
            var candidate = Path.Combine(directory, soname);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether the host's <paramref name="soname"/> defines <paramref name="version"/>.</summary>
    /// <param name="soname">The library, e.g. <see cref="LibStdCxx"/>.</param>
    /// <param name="version">The version, e.g. <see cref="Glibcxx3432"/>.</param>
    /// <param name="hostPath">The library read, or <see langword="null"/> when none was found (then the result is <see langword="false"/>).</param>
    /// <returns>Whether the version is defined.</returns>
    /// <exception cref="InvalidDataException">The host library is malformed.</exception>
    public static bool HostDefines(string soname, string version, out string? hostPath)
    {
        hostPath = FindHostLibrary(soname);
        if (hostPath is null)
        {
            return false;
        }

        foreach (var name in ReadVersionDefinitions(File.ReadAllBytes(hostPath), hostPath))
        {
            if (string.Equals(name, version, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static ElfVersionNeed? FindNeed(byte[] data, string source, string file, string version)
    {
        ElfVersionNeed? found = null;
        foreach (var need in ReadVersionNeeds(data, source))
        {
            if (string.Equals(need.File, file, StringComparison.Ordinal) && string.Equals(need.Version, version, StringComparison.Ordinal))
            {
                if (found is not null)
                {
                    throw Bad(source, "it needs " + version + " of " + file + " twice");
                }

                found = need;
            }
        }

        return found;
    }

    private static IEnumerable<string> SearchDirectories()
    {
        var ldLibraryPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(ldLibraryPath))
        {
            foreach (var directory in ldLibraryPath!.Split(':'))
            {
                if (directory.Length > 0)
                {
                    yield return directory;
                }
            }
        }

        foreach (var directory in LdSoConf("/etc/ld.so.conf", 0))
        {
            yield return directory;
        }

        var triplet = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        foreach (var directory in new[] { "/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib" })
        {
            yield return directory;
        }
    }

    private static IEnumerable<string> LdSoConf(string path, int depth)
    {
        if (depth > 4 || !File.Exists(path))
        {
            yield break;
        }

        foreach (var raw in File.ReadAllLines(path))
        {
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim();
            if (line.StartsWith("include ", StringComparison.Ordinal))
            {
                var pattern = line.Substring(8).Trim();
                var folder = Path.GetDirectoryName(pattern);
                if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                {
                    continue;
                }

                var included = Directory.GetFiles(folder, Path.GetFileName(pattern));
                Array.Sort(included, StringComparer.Ordinal);
                foreach (var file in included)
                {
                    foreach (var directory in LdSoConf(file, depth + 1))
                    {
                        yield return directory;
                    }
                }
            }
            else if (line.Length > 0 && line[0] == '/')
            {
                yield return line;
            }
        }
    }

    private sealed class Section
    {
        public Section(int index, uint type, ulong offset, ulong size, uint link, uint info, ulong entrySize)
        {
            Index = index;
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
            EntrySize = entrySize;
        }

        public int Index { get; }

        public uint Type { get; }

        public ulong Offset { get; }

        public ulong Size { get; }

        public uint Link { get; }

        public uint Info { get; }

        public ulong EntrySize { get; }
    }

    private static Section[] ReadSections(byte[] data, string source)
    {
        if (data.Length < 64)
        {
            throw Bad(source, "it is " + Show(data.Length) + " bytes long, shorter than an ELF header (64)");
        }

        if (data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
        {
            throw Bad(source, "it does not start with the ELF magic 7f 45 4c 46");
        }

        if (data[4] != 2)
        {
            throw Bad(source, "its ELF class is " + Show(data[4]) + ", expected 2 (64-bit)");
        }

        if (data[5] != 1)
        {
            throw Bad(source, "its ELF data encoding is " + Show(data[5]) + ", expected 1 (little-endian)");
        }

        if (data[6] != 1)
        {
            throw Bad(source, "its ELF version is " + Show(data[6]) + ", expected 1");
        }

        var length = (ulong)data.Length;
        var tableOffset = U64(data, 0x28);
        var entrySize = U16(data, 0x3a);
        ulong count = U16(data, 0x3c);
        if (tableOffset == 0)
        {
            throw Bad(source, "it has no section header table");
        }

        if (entrySize != SectionHeaderSize)
        {
            throw Bad(source, "its section header size is " + Show(entrySize) + ", expected 64");
        }

        if (tableOffset > length || length - tableOffset < SectionHeaderSize)
        {
            throw Bad(source, "its section header table at 0x" + Hex(tableOffset) + " lies beyond the end of the file (" + Show(length) + " bytes); the file is truncated");
        }

        if (count == 0)
        {
            count = U64(data, tableOffset + 32); // extended numbering: the count is section 0's sh_size
        }

        if (count > (length - tableOffset) / SectionHeaderSize)
        {
            throw Bad(source, "its " + Show(count) + " section headers at 0x" + Hex(tableOffset) + " run past the end of the file (" + Show(length) + " bytes); the file is truncated");
        }

        var sections = new Section[count];
        for (ulong i = 0; i < count; i++)
        {
            var header = tableOffset + (i * SectionHeaderSize);
            var section = new Section((int)i, U32(data, header + 4), U64(data, header + 24), U64(data, header + 32), U32(data, header + 40), U32(data, header + 44), U64(data, header + 56));
            if (section.Type != ShtNobits && section.Type != 0 && (section.Offset > length || length - section.Offset < section.Size))
            {
                throw Bad(source, "section " + Show(i) + " (0x" + Hex(section.Offset) + ", " + Show(section.Size) + " bytes) runs past the end of the file (" + Show(length) + " bytes); the file is truncated");
            }

            sections[i] = section;
        }

        return sections;
    }

    private static Section? FindOne(Section[] sections, uint type, string name, string source)
    {
        Section? found = null;
        foreach (var section in sections)
        {
            if (section.Type == type)
            {
                if (found is not null)
                {
                    throw Bad(source, "it has more than one " + name + " section");
                }

                found = section;
            }
        }

        return found;
    }

    private static Section LinkedSection(Section[] sections, Section from, uint type, string name, string source)
    {
        if (from.Link == 0 || from.Link >= sections.Length || sections[from.Link].Type != type)
        {
            throw Bad(source, "the sh_link of " + name + " (" + Show(from.Link) + ") is not a section of type " + Show(type));
        }

        return sections[from.Link];
    }

    /// <summary>Maps each version index used in <c>.gnu.version</c> to the names of the dynamic symbols bound to it.</summary>
    private static Dictionary<ushort, List<string>> ReadSymbolVersions(byte[] data, Section[] sections, string source)
    {
        var byIndex = new Dictionary<ushort, List<string>>();
        var versym = FindOne(sections, ShtGnuVersym, ".gnu.version", source);
        if (versym is null)
        {
            return byIndex;
        }

        var dynsym = LinkedSection(sections, versym, ShtDynsym, ".gnu.version", source);
        var strings = LinkedSection(sections, dynsym, ShtStrtab, ".dynsym", source);
        if (dynsym.EntrySize != SymbolSize)
        {
            throw Bad(source, "its .dynsym entry size is " + Show(dynsym.EntrySize) + ", expected 24");
        }

        var count = dynsym.Size / SymbolSize;
        if (versym.Size != count * 2)
        {
            throw Bad(source, "its .gnu.version has " + Show(versym.Size / 2) + " entries for " + Show(count) + " dynamic symbols");
        }

        for (ulong i = 1; i < count; i++)
        {
            var index = (ushort)(U16(data, versym.Offset + (i * 2)) & 0x7fff);
            if (index < 2)
            {
                continue; // local or global (unversioned)
            }

            var name = ReadString(data, strings, U32(data, dynsym.Offset + (i * SymbolSize)), source);
            if (!byIndex.TryGetValue(index, out var names))
            {
                names = new List<string>();
                byIndex.Add(index, names);
            }

            names.Add(name);
        }

        return byIndex;
    }

    private static string ReadString(byte[] data, Section strings, uint offset, string source)
    {
        if (offset >= strings.Size)
        {
            throw Bad(source, "a name at offset " + Show(offset) + " lies outside its string table (" + Show(strings.Size) + " bytes)");
        }

        var start = strings.Offset + offset;
        var end = strings.Offset + strings.Size;
        var stop = start;
        while (stop < end && data[stop] != 0)
        {
            stop++;
        }

        if (stop == end)
        {
            throw Bad(source, "a name at offset " + Show(offset) + " of its string table is not terminated");
        }

        return Encoding.UTF8.GetString(data, (int)start, (int)(stop - start));
    }

    private static void Require(ulong offset, ulong size, ulong start, ulong end, string source, string what)
    {
        if (offset < start || offset > end || end - offset < size)
        {
            throw Bad(source, what + " at 0x" + Hex(offset) + " lies outside its section (0x" + Hex(start) + "..0x" + Hex(end) + ")");
        }
    }

    private static InvalidDataException Bad(string source, string what) =>
        new(source + " is not a valid ELF64 little-endian shared library: " + what + "; the file was left unchanged");

    private static ushort U16(byte[] data, ulong offset) => (ushort)(data[offset] | (data[offset + 1] << 8));

    private static uint U32(byte[] data, ulong offset) => U16(data, offset) | ((uint)U16(data, offset + 2) << 16);

    private static ulong U64(byte[] data, ulong offset) => U32(data, offset) | ((ulong)U32(data, offset + 4) << 32);

    private static string Show(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hex(ulong value) => value.ToString("x", CultureInfo.InvariantCulture);
}

#if !ELF_PATCH_TESTS
/// <summary>
/// MSBuild task: on Linux, when the host's libstdc++ lacks GLIBCXX_3.4.32, sets VER_FLG_WEAK on that needed version
/// in each given copy of libLibTorchSharp.so. Logs what it did; never writes under <see cref="ForbiddenRoot"/>.
/// </summary>
public sealed class PatchTorchSharpNative : Microsoft.Build.Utilities.Task
{
    /// <summary>The copies of libLibTorchSharp.so in an output folder.</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    /// <summary>A folder never to write under (the NuGet package cache).</summary>
    public string ForbiddenRoot { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        const string prefix = "TorchSharpNativeFix: ";
        var high = Microsoft.Build.Framework.MessageImportance.High;
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Files.Length == 0)
        {
            return true;
        }

        string? host;
        try
        {
            if (ElfVersionPatch.HostDefines(ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, out host))
            {
                Log.LogMessage(high, prefix + "host " + host + " defines " + ElfVersionPatch.Glibcxx3432 + "; libLibTorchSharp.so left as shipped");
                return true;
            }
        }
        catch (InvalidDataException e)
        {
            Log.LogWarning(prefix + "cannot read the host's " + ElfVersionPatch.LibStdCxx + ": " + e.Message);
            return true;
        }

        if (host is null)
        {
            Log.LogWarning(prefix + "no " + ElfVersionPatch.LibStdCxx + " found on this host; libLibTorchSharp.so left as shipped");
            return true;
        }

        var forbidden = ForbiddenRoot.Length == 0 ? null : Path.GetFullPath(ForbiddenRoot).TrimEnd('/') + "/";
        var allowed = new HashSet<string>(StringComparer.Ordinal) { ElfVersionPatch.IosBaseLibraryInit };
        foreach (var item in Files)
        {
            var path = Path.GetFullPath(item.ItemSpec);
            if (forbidden is not null && path.StartsWith(forbidden, StringComparison.Ordinal))
            {
                Log.LogError(prefix + "refusing to modify " + path + ": it lies in the package cache " + forbidden);
                continue;
            }

            try
            {
                var result = ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, allowed);
                if (result is null)
                {
                    Log.LogMessage(high, prefix + path + " does not need " + ElfVersionPatch.Glibcxx3432 + "; nothing to patch");
                    continue;
                }

                var flags = "vna_flags 0x" + result.Need.Flags.ToString("x4", CultureInfo.InvariantCulture) + " -> 0x" + result.FlagsAfter.ToString("x4", CultureInfo.InvariantCulture);
                var what = result.Changed ? "set VER_FLG_WEAK on " : "already weak, no change: ";
                Log.LogMessage(high, prefix + what + result.Need.Version + " of " + result.Need.File + " (symbols: " + string.Join(", ", result.Need.Symbols)
                    + ", " + flags + ") in " + path + "; host " + host + " lacks it");
            }
            catch (InvalidOperationException e)
            {
                Log.LogWarning(prefix + e.Message);
            }
            catch (InvalidDataException e)
            {
                Log.LogError(prefix + e.Message);
            }
            catch (IOException e)
            {
                Log.LogError(prefix + "could not patch " + path + ": " + e.Message);
            }
            catch (UnauthorizedAccessException e)
            {
                Log.LogError(prefix + "could not patch " + path + ": " + e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
