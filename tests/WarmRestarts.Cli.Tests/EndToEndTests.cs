using System.Diagnostics;

namespace WarmRestarts.Cli.Tests;

/// <summary>The built CLI as a child process (<c>dotnet WarmRestarts.Cli.dll ...</c>): real exit codes and streams.</summary>
public class EndToEndTests
{
    private static (int Code, string Out, string Error) Run(string? input, params string[] args)
    {
        using var process = Process.Start(ChildCli.StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? string.Empty);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000), "the CLI did not finish within 60 s");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Values_csv_exits_0()
    {
        var (code, output, error) = Run(null, "values", "torch.StepLR(step_size=2, gamma=0.5)", "--steps", "3", "--lr", "1", "-f", "csv");
        Assert.Equal(0, code);
        Assert.Equal("step,group0\n0,1\n1,1\n2,0.5\n", output);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Bad_spec_exits_2_with_one_line_on_stderr()
    {
        var (code, output, error) = Run(null, "values", "torch.CosineAnnealingWarmRestarts(T_0=3, T_mul=2)", "--steps", "8");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines); // stderr is redirected: no caret lines
        Assert.StartsWith("bad spec: at 41: unknown parameter 'T_mul'", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_option_exits_2_and_batch_answers_on_stdout()
    {
        var (code, _, error) = Run(null, "values", "constant(value=1)", "--steps", "x");
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var batch = Run("{\"spec\": \"constant(value=0.5)\", \"steps\": 2}\nnope\n", "values", "--batch");
        Assert.Equal(0, batch.Code);
        var answers = batch.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("{\"lrs\":[[0.5],[0.5]]}", answers[0]);
        Assert.StartsWith("{\"error\":\"bad JSON", answers[1], StringComparison.Ordinal);
        Assert.Equal(2, answers.Length);
    }
}
