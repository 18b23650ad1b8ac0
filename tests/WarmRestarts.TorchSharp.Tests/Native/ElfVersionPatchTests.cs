using System.Text;

namespace WarmRestarts.TorchSharp.Tests.Native;

public sealed class ElfVersionPatchTests
{
    private static readonly string[] Allowed = [ElfVersionPatch.IosBaseLibraryInit];

    [Fact]
    public void The_library_needs_GLIBCXX_3_4_32_for_one_symbol_only()
    {
        using var folder = new TempFolder();
        var path = NativeLibrary.UnpatchedCopy(folder);

        var need = NativeLibrary.Need(path);

        Assert.Equal([ElfVersionPatch.IosBaseLibraryInit], need.Symbols);
        Assert.False(need.IsWeak);
        Assert.True(need.Index >= 2);
    }

    [Fact]
    public void Setting_the_flag_changes_exactly_the_two_bytes_of_that_vernaux_entry()
    {
        using var folder = new TempFolder();
        var path = NativeLibrary.UnpatchedCopy(folder);
        var before = File.ReadAllBytes(path);
        var needsBefore = ElfVersionPatch.ReadVersionNeeds(before, path);
        var target = NativeLibrary.Need(path);

        var result = ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed);

        Assert.NotNull(result);
        Assert.True(result.Changed);
        Assert.Equal(target.Flags, result.Need.Flags);
        Assert.Equal((ushort)(target.Flags | 0x2), result.FlagsAfter);
        var after = File.ReadAllBytes(path);
        Assert.Equal(before.Length, after.Length);
        var differing = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.NotEmpty(differing);
        Assert.All(differing, i => Assert.InRange(i, target.FlagsOffset, target.FlagsOffset + 1));
        Assert.Equal(result.FlagsAfter, (ushort)(after[target.FlagsOffset] | (after[target.FlagsOffset + 1] << 8)));

        // Every other Vernaux entry reads back unchanged; only this one became weak.
        var needsAfter = ElfVersionPatch.ReadVersionNeeds(after, path);
        Assert.Equal(needsBefore.Count, needsAfter.Count);
        for (var i = 0; i < needsBefore.Count; i++)
        {
            var isTarget = needsBefore[i].FlagsOffset == target.FlagsOffset;
            Assert.Equal((needsBefore[i].File, needsBefore[i].Version), (needsAfter[i].File, needsAfter[i].Version));
            Assert.Equal(isTarget ? (ushort)(needsBefore[i].Flags | 0x2) : needsBefore[i].Flags, needsAfter[i].Flags);
        }

        Assert.Equal([NativeLibrary.FileName], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Running_again_is_a_no_op()
    {
        using var folder = new TempFolder();
        var path = NativeLibrary.UnpatchedCopy(folder);
        ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed);
        var once = File.ReadAllBytes(path);
        var link = Path.Combine(folder.Path, "linked.so");
        File.CreateSymbolicLink(link, path); // a rewrite would replace the link by a file

        var again = ElfVersionPatch.SetWeak(link, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed);

        Assert.NotNull(again);
        Assert.False(again.Changed);
        Assert.Equal(again.Need.Flags, again.FlagsAfter);
        Assert.True(again.Need.IsWeak);
        Assert.Equal(path, new FileInfo(link).LinkTarget);
        Assert.Equal(once, File.ReadAllBytes(path));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void The_rewrite_keeps_mode_and_modification_time()
    {
        using var folder = new TempFolder();
        var path = NativeLibrary.UnpatchedCopy(folder);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        var result = ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed);

        Assert.True(result!.Changed);
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_symbolic_link_is_replaced_and_its_target_never_written()
    {
        using var folder = new TempFolder();
        var target = NativeLibrary.UnpatchedCopy(folder);
        var original = File.ReadAllBytes(target);
        var link = Path.Combine(folder.Path, "linked.so");
        File.CreateSymbolicLink(link, target);

        var result = ElfVersionPatch.SetWeak(link, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed);

        Assert.True(result!.Changed);
        Assert.Equal(original, File.ReadAllBytes(target));
        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.True(NativeLibrary.Need(link).IsWeak);
    }

    [Fact]
    public void Another_symbol_bound_to_the_version_refuses_and_leaves_the_file()
    {
        using var folder = new TempFolder();
        var path = NativeLibrary.UnpatchedCopy(folder);
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<InvalidOperationException>(() =>
            ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, []));

        Assert.Contains(ElfVersionPatch.IosBaseLibraryInit, error.Message, StringComparison.Ordinal);
        Assert.Contains("left unchanged", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_library_that_does_not_need_the_version_is_left_alone()
    {
        var host = ElfVersionPatch.FindHostLibrary(ElfVersionPatch.LibStdCxx);
        Assert.NotNull(host);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "libstdc++.so.6");
        File.Copy(host, path);
        var before = File.ReadAllBytes(path);

        var result = ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed);

        Assert.Null(result);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    public static TheoryData<string, string> Damaged => new()
    {
        { "text", "ELF magic" },
        { "empty", "shorter than an ELF header" },
        { "short", "shorter than an ELF header" },
        { "truncated", "truncated" },
        { "32-bit", "expected 2 (64-bit)" },
        { "big-endian", "expected 1 (little-endian)" },
        { "section-table-past-end", "truncated" },
        { "header-size", "section header size" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_damaged_or_foreign_file_fails_with_a_message_and_is_left_untouched(string kind, string expected)
    {
        using var folder = new TempFolder();
        var library = File.ReadAllBytes(NativeLibrary.OutputCopy);
        var bytes = kind switch
        {
            "text" => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not a shared library\n", 8))),
            "empty" => [],
            "short" => library[..40],
            "truncated" => library[..(library.Length / 2)],
            "32-bit" => With(library, 4, 1),
            "big-endian" => With(library, 5, 2),
            "section-table-past-end" => With(library, 0x2f, 0x7f), // e_shoff's top byte
            "header-size" => With(library, 0x3a, 40),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var path = Path.Combine(folder.Path, kind + ".so");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the file was left unchanged", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_version_name_outside_the_string_table_fails_cleanly()
    {
        using var folder = new TempFolder();
        var path = NativeLibrary.UnpatchedCopy(folder);
        var need = NativeLibrary.Need(path);
        var bytes = File.ReadAllBytes(path);
        bytes[need.FlagsOffset + 6] = 0xf0; // vna_name's upper bytes: the name now lies far past .dynstr
        bytes[need.FlagsOffset + 7] = 0xff;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() =>
            ElfVersionPatch.SetWeak(path, ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, weak: true, Allowed));

        Assert.Contains("outside its string table", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void The_output_copy_is_patched_exactly_when_the_host_lacks_the_version()
    {
        var hostHasIt = ElfVersionPatch.HostDefines(ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, out _);

        Assert.Equal(!hostHasIt, NativeLibrary.Need(NativeLibrary.OutputCopy).IsWeak);
    }

    [Fact]
    public void The_NuGet_cache_copy_is_never_modified()
    {
        var cache = NativeLibrary.CacheCopy;
        if (cache is null)
        {
            return; // the cache is elsewhere (NUGET_PACKAGES unset and not in ~/.nuget/packages)
        }

        Assert.False(NativeLibrary.Need(cache).IsWeak);
    }

    private static byte[] With(byte[] source, int offset, byte value)
    {
        var copy = (byte[])source.Clone();
        copy[offset] = value;
        return copy;
    }
}
