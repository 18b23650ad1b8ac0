using WarmRestarts.TorchSharp.Experiments;

namespace WarmRestarts.Quality;

/// <summary>The analysis of the quality benchmark as Markdown.</summary>
internal static class QualityReport
{
    public static string Write(IReadOnlyList<IReadOnlyList<RunOutcome>> outcomes) =>
        $"{outcomes.Sum(o => o.Count)} runs finished";
}
