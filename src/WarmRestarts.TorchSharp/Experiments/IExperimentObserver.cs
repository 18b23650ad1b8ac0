using WarmRestarts.TorchSharp.Training;

namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>Receives progress from an <see cref="ExperimentRunner"/> (e.g. an overall and a per-run progress bar).</summary>
public interface IExperimentObserver
{
    /// <summary>Before run <paramref name="index"/> of <paramref name="total"/> (0-based), also for runs that are skipped.</summary>
    /// <param name="index">The run's position.</param>
    /// <param name="total">All runs.</param>
    /// <param name="arm">The schedule.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="state">Whether it is trained fresh, resumed or skipped.</param>
    /// <returns>An observer for the run's training, or <see langword="null"/>.</returns>
    ITrainingObserver? RunStarting(int index, int total, ExperimentArm arm, long seed, RunStart state);

    /// <summary>After a run finished (or was found finished).</summary>
    /// <param name="index">The run's position.</param>
    /// <param name="outcome">Its stored outcome.</param>
    void RunFinished(int index, RunOutcome outcome);
}
