namespace WarmRestarts.TorchSharp.Tests.Native;

public sealed class HostLibraryTests
{
    [Fact]
    public void The_host_libstdcxx_is_the_one_mapped_into_this_process()
    {
        var host = ElfVersionPatch.FindHostLibrary(ElfVersionPatch.LibStdCxx);

        Assert.NotNull(host);
        Assert.StartsWith("libstdc++.so.6", Path.GetFileName(host), StringComparison.Ordinal);
        var mapped = File.ReadLines("/proc/self/maps").Where(l => l.Contains("/libstdc++.so.6", StringComparison.Ordinal)).ToList();
        if (mapped.Count > 0)
        {
            Assert.EndsWith(" " + host, mapped[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_host_check_agrees_with_the_host_version_definitions()
    {
        var defines = ElfVersionPatch.HostDefines(ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, out var host);

        Assert.NotNull(host);
        var versions = ElfVersionPatch.ReadVersionDefinitions(File.ReadAllBytes(host), host);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
        Assert.DoesNotContain("libstdc++.so.6", versions); // the base entry (the soname) is not a version
        Assert.Equal(versions.Contains(ElfVersionPatch.Glibcxx3432), defines);
        var newest = versions.Where(v => v.StartsWith("GLIBCXX_3.4.", StringComparison.Ordinal))
            .Max(v => int.Parse(v["GLIBCXX_3.4.".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(newest >= 32, defines);
    }

    [Fact]
    public void Debian_12_stops_at_GLIBCXX_3_4_30()
    {
        var debian = File.Exists("/etc/debian_version") ? File.ReadAllText("/etc/debian_version").Trim() : "";
        if (!debian.StartsWith("12", StringComparison.Ordinal))
        {
            return; // another host: the consistency test above covers it
        }

        var defines = ElfVersionPatch.HostDefines(ElfVersionPatch.LibStdCxx, ElfVersionPatch.Glibcxx3432, out var host);

        Assert.False(defines);
        var versions = ElfVersionPatch.ReadVersionDefinitions(File.ReadAllBytes(host!), host!);
        Assert.Contains("GLIBCXX_3.4.30", versions);
        Assert.DoesNotContain("GLIBCXX_3.4.31", versions);
    }
}
