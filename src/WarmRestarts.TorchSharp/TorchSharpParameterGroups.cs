using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using WarmRestarts.Scheduling;

namespace WarmRestarts.TorchSharp;

/// <summary>
/// A TorchSharp optimizer's parameter groups as a <see cref="GroupScheduler"/> drives them: base rates read from each
/// group's <see cref="torch.optim.ILearningRateController.InitialLearningRate"/> (PyTorch's <c>initial_lr</c>), scheduled
/// rates written to <see cref="torch.optim.ILearningRateController.LearningRate"/>, momentum written to SGD's and
/// RMSProp's <see cref="torch.optim.IMomentum.Momentum"/> or to the Adam family's <c>beta1</c>
/// (<see cref="torch.optim.IBetas.Betas"/>).
/// </summary>
/// <remarks>
/// <para>
/// The groups are read once, at construction (enumerating <see cref="torch.optim.Optimizer.ParamGroups"/> allocates);
/// groups added to the optimizer later are not seen: build the adapter after the last <c>add_param_group</c>.
/// Writes are plain field stores read by the next <c>optimizer.step()</c>, and allocate nothing.
/// </para>
/// <para>
/// <see cref="LBFGS"/> runs natively: its group's rate does not reach the native optimizer, so the adapter also
/// sets <see cref="LBFGS.LearningRate"/>, which does.
/// </para>
/// <para>Not thread-safe, like the optimizer.</para>
/// </remarks>
public sealed class TorchSharpParameterGroups : IParameterGroups
{
    private readonly torch.optim.ILearningRateController[] _groups;
    private readonly torch.optim.IMomentum[]? _momenta;
    private readonly torch.optim.IBetas[]? _betas;
    private readonly LBFGS? _lbfgs;
    private List<double>? _rateMirror; // get_last_lr()'s list of the ScheduleLRScheduler that built this adapter

    /// <summary>Wraps the optimizer's current parameter groups.</summary>
    /// <param name="optimizer">The optimizer, with at least one parameter group.</param>
    /// <exception cref="ScheduleArgumentException"><paramref name="optimizer"/> is null or has no parameter groups.</exception>
    public TorchSharpParameterGroups(torch.optim.Optimizer optimizer)
    {
        if (optimizer is null)
        {
            throw new ScheduleArgumentException(nameof(optimizer), "optimizer must be a TorchSharp optimizer, but was null; pass the optimizer whose rates the schedule drives.");
        }

        _groups = [.. optimizer.ParamGroups];
        if (_groups.Length == 0)
        {
            throw new ScheduleArgumentException(nameof(optimizer), "optimizer must have at least one parameter group, but had 0; build it over the model's parameters first.");
        }

        Optimizer = optimizer;
        _lbfgs = optimizer as LBFGS;
        if (Array.TrueForAll(_groups, g => g is torch.optim.IMomentum))
        {
            _momenta = Array.ConvertAll(_groups, g => (torch.optim.IMomentum)g);
        }
        else if (Array.TrueForAll(_groups, g => g is torch.optim.IBetas))
        {
            _betas = Array.ConvertAll(_groups, g => (torch.optim.IBetas)g);
        }
    }

    /// <summary>The wrapped optimizer.</summary>
    public torch.optim.Optimizer Optimizer { get; }

    /// <inheritdoc />
    public int Count => _groups.Length;

    /// <summary>
    /// Whether <see cref="SetMomentum"/> has somewhere to write: <see langword="true"/> when every group has a momentum
    /// (SGD, RMSProp: <see cref="torch.optim.IMomentum"/>) or betas (Adam, AdamW, Adamax, NAdam, RAdam:
    /// <see cref="torch.optim.IBetas"/>, where the momentum is <c>beta1</c>).
    /// </summary>
    public bool SupportsMomentum => _momenta is not null || _betas is not null;

    /// <summary>The group's <see cref="torch.optim.ILearningRateController.InitialLearningRate"/> (for LBFGS, the optimizer's).</summary>
    /// <param name="group">The group index, in [0, <see cref="Count"/>).</param>
    /// <returns>The rate the group was created with.</returns>
    public double GetBaseRate(int group)
    {
        CheckGroup(group);
        return _lbfgs is not null ? _lbfgs.InitialLearningRate : _groups[group].InitialLearningRate;
    }

    /// <summary>Writes the group's <see cref="torch.optim.ILearningRateController.LearningRate"/> (for LBFGS also the native rate).</summary>
    /// <param name="group">The group index, in [0, <see cref="Count"/>).</param>
    /// <param name="rate">The rate.</param>
    public void SetRate(int group, double rate)
    {
        _groups[CheckGroup(group)].LearningRate = rate;
        if (_lbfgs is not null)
        {
            _lbfgs.LearningRate = rate;
        }

        if (_rateMirror is not null)
        {
            _rateMirror[group] = rate;
        }
    }

    /// <summary>Writes the same rate to every group's <see cref="torch.optim.ILearningRateController.LearningRate"/> in one pass (for LBFGS also the native rate).</summary>
    /// <param name="rate">The rate.</param>
    public void SetAllRates(double rate)
    {
        foreach (var group in _groups)
        {
            group.LearningRate = rate;
        }

        if (_lbfgs is not null)
        {
            _lbfgs.LearningRate = rate;
        }

        if (_rateMirror is not null)
        {
            CollectionsMarshal.AsSpan(_rateMirror).Fill(rate);
        }
    }

    /// <summary>
    /// Makes <see cref="SetRate"/> and <see cref="SetAllRates"/> also write each rate into <paramref name="rates"/> (one entry per group): the list
    /// TorchSharp's <c>get_last_lr()</c> returns, for the <see cref="ScheduleLRScheduler"/> that built this adapter.
    /// </summary>
    /// <param name="rates">A list with one entry per group.</param>
    internal void MirrorRatesInto(List<double> rates) => _rateMirror = rates;

    /// <summary>Writes the group's momentum, or <c>beta1</c> for the Adam family (<c>beta2</c> is kept).</summary>
    /// <param name="group">The group index, in [0, <see cref="Count"/>).</param>
    /// <param name="momentum">The momentum.</param>
    /// <exception cref="NotSupportedException">The optimizer has no momentum (<see cref="SupportsMomentum"/> is <see langword="false"/>).</exception>
    public void SetMomentum(int group, double momentum)
    {
        CheckGroup(group);
        if (_momenta is not null)
        {
            _momenta[group].Momentum = momentum;
        }
        else if (_betas is not null)
        {
            var betas = _betas[group];
            betas.Betas = (momentum, betas.Betas.Item2);
        }
        else
        {
            throw new NotSupportedException($"{Optimizer.GetType().Name} has no momentum to schedule; drop the momentum schedule or use SGD, RMSProp or an Adam-family optimizer");
        }
    }

    private int CheckGroup(int group)
    {
        if ((uint)group >= (uint)_groups.Length)
        {
            ThrowOutOfRange(group);
        }

        return group;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ThrowOutOfRange(int group)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _groups.Length);
    }
}
