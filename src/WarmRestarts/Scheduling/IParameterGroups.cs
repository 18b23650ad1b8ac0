namespace WarmRestarts.Scheduling;

/// <summary>
/// The optimizer's parameter groups as a <see cref="GroupScheduler"/> sees them: how many there are, each one's
/// initial rate, and where to write the scheduled rate and momentum. An adapter for a training library (a
/// TorchSharp optimizer, say) implements this; <see cref="ParameterGroups"/> is the in-memory implementation.
/// </summary>
public interface IParameterGroups
{
    /// <summary>The number of parameter groups, &gt;= 1.</summary>
    int Count { get; }

    /// <summary>Whether the optimizer has a momentum (SGD's momentum, Adam's <c>beta1</c>) that <see cref="SetMomentum"/> can set.</summary>
    bool SupportsMomentum { get; }

    /// <summary>The group's initial learning rate (PyTorch's <c>initial_lr</c> / <c>base_lrs[group]</c>).</summary>
    /// <param name="group">The group index, in [0, <see cref="Count"/>).</param>
    /// <returns>The rate the group was created with.</returns>
    double GetBaseRate(int group);

    /// <summary>Writes the group's current learning rate.</summary>
    /// <param name="group">The group index, in [0, <see cref="Count"/>).</param>
    /// <param name="rate">The rate.</param>
    void SetRate(int group, double rate);

    /// <summary>
    /// Writes the same learning rate to every group: what <see cref="GroupScheduler.Advance"/> does when every group
    /// follows one schedule with nothing per group (no relative rates, plateau or momentum). The default calls
    /// <see cref="SetRate"/> for each group; an adapter can do it in one pass.
    /// </summary>
    /// <param name="rate">The rate.</param>
    void SetAllRates(double rate)
    {
        for (var group = 0; group < Count; group++)
        {
            SetRate(group, rate);
        }
    }

    /// <summary>Writes the group's momentum (or Adam's <c>beta1</c>).</summary>
    /// <param name="group">The group index, in [0, <see cref="Count"/>).</param>
    /// <param name="momentum">The momentum.</param>
    void SetMomentum(int group, double momentum);
}
