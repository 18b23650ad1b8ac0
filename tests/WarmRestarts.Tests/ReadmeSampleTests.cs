namespace WarmRestarts.Tests;

/// <summary>The README's C# sample is this code: the test checks the text matches and runs it.</summary>
public class ReadmeSampleTests
{
    private const string Begin = "// README sample: begin";
    private const string End = "// README sample: end";

    [Fact]
    public void Readme_sample_is_the_code_that_runs_here()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "WarmRestarts.Tests", "ReadmeSampleTests.cs"));
        var sample = Between(source, Begin, End);
        Assert.Contains(Normalize(sample), Normalize(readme), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_sample_runs_the_classic_training_loop()
    {
        var rates = new List<double>();
        void TrainOneEpoch(double learningRate) => rates.Add(learningRate);

        // README sample: begin
        var scheduler = new WarmRestartsScheduler(initialLearningRate: 0.1, restartInterval: 10, minLearningRate: 1e-4);
        for (var epoch = 0; epoch < 70; epoch++)
        {
            TrainOneEpoch(scheduler.LearningRate);   // train one epoch at this rate
            scheduler.ScheduleNextEpoch();           // cosine within a cycle; restarts after epochs 10, 30 (T_mult = 2)
        }
        // README sample: end

        Assert.Equal(70, rates.Count);
        Assert.Equal([0.1, 0.1, 0.1], new[] { rates[0], rates[10], rates[30] });
        Assert.True(rates[9] < rates[8] && rates[29] < 0.001 && rates[69] < 0.001);
    }

    private static string Between(string text, string begin, string end)
    {
        var start = text.LastIndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var stop = text.IndexOf(end, start, StringComparison.Ordinal);
        return text[start..stop];
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WarmRestarts.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (WarmRestarts.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
