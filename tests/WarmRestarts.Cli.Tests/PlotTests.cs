namespace WarmRestarts.Cli.Tests;

public sealed class PlotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wr-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] FolderEntries() => Directory.GetFileSystemEntries(_folder);

    [Fact]
    public void Png_file_has_the_png_signature()
    {
        var path = Path.Combine(_folder, "sgdr.png");
        var result = CliRunner.Run("plot", "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2)", "--steps", "100", "--lrs", "0.1,0.05", "-o", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal([path], FolderEntries()); // no temp file left
    }

    [Fact]
    public void Svg_file_is_svg_and_replaces_an_existing_file()
    {
        var path = Path.Combine(_folder, "steps.svg");
        File.WriteAllText(path, "old");
        var result = CliRunner.Run("plot", "torch.MultiStepLR(milestones=[30, 60])", "--steps", "100", "--steps-per-epoch", "10", "-o", path);
        Assert.Equal(0, result.ExitCode);
        var text = File.ReadAllText(path);
        Assert.True(text.StartsWith("<?xml", StringComparison.Ordinal) || text.StartsWith("<svg", StringComparison.Ordinal));
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Single(FolderEntries());
    }

    [Fact]
    public void Missing_folder_is_bad_input()
    {
        var message = CliRunner.AssertBadInput(CliRunner.Run("plot", "constant(value=1)", "--steps", "10", "-o", Path.Combine(_folder, "no", "such", "x.png")));
        Assert.Contains("does not exist", message, StringComparison.Ordinal);
        Assert.Empty(FolderEntries());
    }

    [Fact]
    public void Other_extensions_and_folders_as_targets_are_bad_input()
    {
        Assert.Contains(".png or .svg", CliRunner.AssertBadInput(CliRunner.Run("plot", "constant(value=1)", "--steps", "10", "-o", Path.Combine(_folder, "x.jpg"))), StringComparison.Ordinal);
        var folderTarget = Directory.CreateDirectory(Path.Combine(_folder, "dir.png")).FullName;
        Assert.Contains("it is a folder", CliRunner.AssertBadInput(CliRunner.Run("plot", "constant(value=1)", "--steps", "10", "-o", folderTarget)), StringComparison.Ordinal);
        Assert.Equal([folderTarget], FolderEntries());
    }

    [Fact]
    public void Failed_write_leaves_nothing_behind()
    {
        // The target name is valid (250 characters) but the temporary name beside it is too long: the write fails
        // after the plot was drawn, and neither the target nor a temporary file may remain.
        var path = Path.Combine(_folder, new string('p', 246) + ".png");
        var message = CliRunner.AssertBadInput(CliRunner.Run("plot", "constant(value=1)", "--steps", "10", "-o", path));
        Assert.StartsWith("cannot write", message, StringComparison.Ordinal);
        Assert.Empty(FolderEntries());
    }

    [Fact]
    public void Unwritable_folder_is_bad_input_and_leaves_nothing()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Directory.CreateDirectory(Path.Combine(_folder, "readonly")).FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var probe = Path.Combine(folder, "probe");
            try
            {
                File.WriteAllText(probe, "x");
                File.Delete(probe);
                return; // running as root: permissions do not stop writes, the other failure tests cover this path
            }
            catch (UnauthorizedAccessException)
            {
            }

            var message = CliRunner.AssertBadInput(CliRunner.Run("plot", "constant(value=1)", "--steps", "10", "-o", Path.Combine(folder, "x.png")));
            Assert.StartsWith("cannot write", message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Text_chart_marks_restarts_and_fits_in_80_columns()
    {
        var result = CliRunner.Run("plot", "warm_restarts(peak=0.1, first_cycle=10, cycle_growth=2)", "--steps", "100");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines.Skip(1), line => Assert.True(line.Length <= 80, line));
        Assert.Contains("^ restarts at 10, 30, 70", result.Out, StringComparison.Ordinal);
        var axis = lines.Single(l => l.Contains('└', StringComparison.Ordinal));
        Assert.Equal(3, axis.Count(c => c == '^'));
        Assert.Equal(0.1.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[1].Trim().Split(' ')[0]);
    }

    [Fact]
    public void Text_chart_in_epochs_shows_milestones()
    {
        var result = CliRunner.Run("plot", "torch.MultiStepLR(milestones=[30, 60])", "--steps", "100", "--steps-per-epoch", "10");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("' milestones at 3, 6", result.Out, StringComparison.Ordinal);
        Assert.Contains("9.9 epoch", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("restarts at", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Restarts_inside_a_warmup_composite_are_shifted()
    {
        var result = CliRunner.Run("plot", "warmup(schedule=warm_restarts(peak=0.1, first_cycle=10), length=5)", "--steps", "40");
        Assert.Contains("^ restarts at 15, 25, 35", result.Out, StringComparison.Ordinal);
        Assert.Contains("' milestones at 5", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_steps_per_epoch_is_bad_input()
    {
        Assert.Contains("--steps-per-epoch must be at least 1", CliRunner.AssertBadInput(CliRunner.Run("plot", "constant(value=1)", "--steps", "10", "--steps-per-epoch", "0")), StringComparison.Ordinal);
    }
}
