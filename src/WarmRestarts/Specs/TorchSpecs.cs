using System.Globalization;
using WarmRestarts.Combinators;
using WarmRestarts.Family;
using WarmRestarts.Restarts;
using WarmRestarts.Scheduling;

namespace WarmRestarts.Specs;

/// <summary>
/// PyTorch's <c>torch.optim.lr_scheduler</c> classes by their own names, arguments and defaults (PyTorch 1.13), as
/// schedules of the step count <c>t</c> (the number of <c>step()</c> calls; fractional for <c>step(epoch)</c>):
/// the value right after construction is <c>t = 0</c>.
/// </summary>
/// <remarks>
/// Chainable forms (<c>StepLR</c>, <c>LinearLR</c>, …) multiply the current rate each step upstream; here they are
/// closed forms of the same curves, equal to 1e-12 relative. <c>CosineAnnealingWarmRestarts</c> places restarts
/// exactly where PyTorch's <c>math.log</c> puts some in the wrong cycle (T_0=1, T_mult=3, epoch 121 gives the
/// peak here, eta_min upstream). <c>ChainedScheduler</c> of multiplicative schedulers is the product of their
/// factors; with <c>CosineAnnealingLR</c> or <c>CosineAnnealingWarmRestarts</c> in it, it follows PyTorch's step order
/// (see <see cref="TorchChainSchedule"/>). <c>CyclicLR</c>, <c>OneCycleLR</c> and <c>SequentialLR</c> may only stand alone
/// in a chain (PyTorch mixes their own base_lr and momentum state with the other schedulers'; refused, not approximated).
/// </remarks>
internal static class TorchSpecs
{
    private static readonly string[] CombiningSchedulers = ["torch.ChainedScheduler(", "torch.SequentialLR("];

    public static IEnumerable<SpecFunction> Functions()
    {
        yield return Torch("CosineAnnealingWarmRestarts", ["T_0", "T_mult", "eta_min", "last_epoch", "verbose"], r =>
        {
            var t0 = r.Raw("T_0") ?? throw r.Missing("T_0", "10");
            if (t0 is not SpecNumber { IsInteger: true, Value: > 0 } first)
            {
                throw new SpecException(t0.Position, $"Expected positive integer T_0, but got {CallReader.Show(t0)} (in torch.CosineAnnealingWarmRestarts); give the first cycle's length as a whole number of epochs, e.g. T_0=10");
            }

            var multRaw = r.Raw("T_mult");
            var mult = 1.0;
            if (multRaw is not null and not SpecNone)
            {
                if (multRaw is not SpecNumber { IsInteger: true, Value: >= 1 } m)
                {
                    throw new SpecException(multRaw.Position, $"Expected integer T_mult >= 1, but got {CallReader.Show(multRaw)} (in torch.CosineAnnealingWarmRestarts); PyTorch has whole growth factors only: use warm_restarts(cycle_growth=...) for others");
                }

                mult = m.Value;
            }

            var etaMin = NonNegative(r, "eta_min", 0.0);
            return Template(r, (group, baseRate) =>
            {
                FloorNotAboveBase(r, "eta_min", etaMin, group, baseRate);
                return new WarmRestartsSchedule(baseRate, etaMin, first.Value, mult);
            }, TorchChainKind.Overwrite);
        });

        yield return Torch("CosineAnnealingLR", ["T_max", "eta_min", "last_epoch", "verbose"], r =>
        {
            var tMax = PositiveLength(r, "T_max", "10");
            var etaMin = NonNegative(r, "eta_min", 0.0);
            return Template(r, (group, baseRate) =>
            {
                FloorNotAboveBase(r, "eta_min", etaMin, group, baseRate);
                return new CosineAnnealingSchedule(baseRate, etaMin, tMax, periodic: true);
            }, TorchChainKind.Cosine);
        });

        yield return Torch("StepLR", ["step_size", "gamma", "last_epoch", "verbose"], r =>
        {
            var stepSize = PositiveLength(r, "step_size", "30");
            var gamma = Gamma(r, 0.1);
            return Template(r, (_, baseRate) => new StepSchedule(baseRate, stepSize, gamma), TorchChainKind.Multiplicative);
        });

        yield return Torch("MultiStepLR", ["milestones", "gamma", "last_epoch", "verbose"], r =>
        {
            var milestones = (r.OptionalNumbers("milestones", allowScalar: false) ?? throw r.Missing("milestones", "[30, 80]")).Select(m => m.Value).ToArray();
            var gamma = Gamma(r, 0.1);
            return Template(r, (_, baseRate) => new MultiStepSchedule(baseRate, milestones, gamma), TorchChainKind.Multiplicative);
        });

        yield return Torch("ExponentialLR", ["gamma", "last_epoch", "verbose"], r =>
        {
            if (!r.Has("gamma"))
            {
                throw r.Missing("gamma", "0.95");
            }

            var gamma = Gamma(r, 1.0);
            return Template(r, (_, baseRate) => new ExponentialSchedule(baseRate, gamma), TorchChainKind.Multiplicative);
        });

        yield return Torch("ConstantLR", ["factor", "total_iters", "last_epoch", "verbose"], r =>
        {
            var factor = r.Number("factor", 1.0 / 3.0);
            if (!(factor >= 0 && factor <= 1))
            {
                throw r.Error("factor", $"Constant multiplicative factor expected to be between 0 and 1, but got {Show(factor)}; give the factor the rate is multiplied by until total_iters, e.g. factor=0.5");
            }

            var totalIters = NonNegativeInteger(r, "total_iters", 5);
            if (factor == 0 && totalIters > 0)
            {
                throw r.Error("factor", "a factor of 0 divides by zero when PyTorch restores the rate at total_iters; give a factor above 0");
            }

            return Template(r, (_, baseRate) => totalIters == 0
                ? new ConstantSchedule(baseRate * factor)
                : new PiecewiseConstantSchedule([totalIters], [baseRate * factor, baseRate]), TorchChainKind.Multiplicative);
        });

        yield return Torch("LinearLR", ["start_factor", "end_factor", "total_iters", "last_epoch", "verbose"], r =>
        {
            var start = r.Number("start_factor", 1.0 / 3.0);
            if (!(start > 0 && start <= 1))
            {
                throw r.Error("start_factor", $"Starting multiplicative factor expected to be greater than 0 and less or equal to 1, but got {Show(start)}; give the first step's fraction of the base rate, e.g. start_factor=0.1");
            }

            var end = r.Number("end_factor", 1.0);
            if (!(end >= 0 && end <= 1))
            {
                throw r.Error("end_factor", $"Ending multiplicative factor expected to be between 0 and 1, but got {Show(end)}; give the fraction of the base rate reached at total_iters, e.g. end_factor=1.0");
            }

            var totalIters = NonNegativeInteger(r, "total_iters", 5);
            return Template(r, (_, baseRate) => totalIters == 0
                ? new ConstantSchedule(baseRate * start)
                : new LinearSchedule(baseRate * start, baseRate * end, totalIters), TorchChainKind.Multiplicative);
        });

        yield return Torch("PolynomialLR", ["total_iters", "power", "last_epoch", "verbose"], r =>
        {
            var totalIters = NonNegativeInteger(r, "total_iters", 5);
            var power = r.Number("power", 1.0);
            if (!(power >= 0) || !double.IsFinite(power))
            {
                throw r.Error("power", $"expected a finite number >= 0, but got {Show(power)} (PyTorch accepts a negative power, but the rate then grows without bound towards total_iters); give e.g. power=1.0");
            }

            return Template(r, (_, baseRate) => totalIters == 0 || power == 0
                ? new ConstantSchedule(baseRate)
                : new PolynomialSchedule(baseRate, 0.0, totalIters, power), TorchChainKind.Multiplicative);
        });

        yield return Torch("CyclicLR", ["base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma", "scale_fn", "scale_mode", "cycle_momentum", "base_momentum", "max_momentum", "last_epoch", "verbose"], r =>
        {
            if (r.Has("scale_fn"))
            {
                throw r.Error("scale_fn", "a Python function cannot be given in a spec; use mode='triangular', 'triangular2' or 'exp_range'");
            }

            r.Choice("scale_mode", "cycle", "cycle", "iterations");
            var baseLr = PerGroup(r, "base_lr", required: true, 0.0);
            var maxLr = PerGroup(r, "max_lr", required: true, 0.0);
            var up = PositiveLength(r, "step_size_up", "2000", 2000);
            var down = r.Has("step_size_down") ? PositiveLength(r, "step_size_down", "2000") : up;
            var mode = r.Choice("mode", "triangular", "triangular", "triangular2", "exp_range") switch
            {
                "triangular" => CyclicMode.Triangular,
                "triangular2" => CyclicMode.Triangular2,
                _ => CyclicMode.ExpRange,
            };
            var gamma = r.Number("gamma", 1.0);
            var cycleMomentum = r.Bool("cycle_momentum", true);
            var baseMomentum = PerGroup(r, "base_momentum", required: false, 0.8);
            var maxMomentum = PerGroup(r, "max_momentum", required: false, 0.9);
            var groups = GroupCount(r, baseLr, maxLr, cycleMomentum ? baseMomentum : null, cycleMomentum ? maxMomentum : null);
            CyclicSchedule Rate(int g) => new(baseLr.At(g), maxLr.At(g), up, down, mode, gamma);

            // Built for every group now, so that a bad value in a per-group list is reported at the spec.
            for (var g = 0; g < (groups ?? 1); g++)
            {
                var rate = Rate(g);
                _ = cycleMomentum ? rate.Momentum(baseMomentum.At(g), maxMomentum.At(g)) : null;
            }
            return new Bound(
                r.Canonical(),
                SpecOrigin.Torch,
                (g, _) => Rate(g),
                UsesBaseRates: false,
                Momentum: cycleMomentum ? (g, _) => Rate(g).Momentum(baseMomentum.At(g), maxMomentum.At(g)) : null,
                Unit: ProgressUnit.Steps,
                GroupCount: groups,
                InitialRate: baseLr.At);
        });

        yield return Torch("OneCycleLR", ["max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy", "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor", "three_phase", "last_epoch", "verbose"], r =>
        {
            var maxLr = PerGroup(r, "max_lr", required: true, 0.0);
            long total;
            if (r.Has("total_steps"))
            {
                total = r.RequiredInteger("total_steps", "1000");
                if (total <= 0)
                {
                    throw r.Error("total_steps", $"Expected positive integer total_steps, but got {total}; give the number of optimizer steps of the whole run, e.g. total_steps=1000");
                }
            }
            else if (r.Has("epochs") && r.Has("steps_per_epoch"))
            {
                var epochs = r.RequiredInteger("epochs", "10");
                var perEpoch = r.RequiredInteger("steps_per_epoch", "100");
                if (epochs <= 0)
                {
                    throw r.Error("epochs", $"Expected positive integer epochs, but got {epochs}; give the number of epochs of the run, e.g. epochs=10");
                }

                if (perEpoch <= 0)
                {
                    throw r.Error("steps_per_epoch", $"Expected positive integer steps_per_epoch, but got {perEpoch}; give the number of batches per epoch, e.g. steps_per_epoch=100");
                }

                total = checked(epochs * perEpoch);
            }
            else
            {
                throw new SpecException(r.Call.Position, "You must define either total_steps OR (epochs AND steps_per_epoch) (in torch.OneCycleLR); add total_steps=1000, or epochs=10, steps_per_epoch=100");
            }

            var pct = r.Number("pct_start", 0.3);
            if (!(pct >= 0 && pct <= 1))
            {
                throw r.Error("pct_start", $"Expected float between 0 and 1 pct_start, but got {Show(pct)}; give the fraction of the run spent rising, e.g. pct_start=0.3");
            }

            var anneal = r.Choice("anneal_strategy", "cos", "cos", "linear") == "cos" ? OneCycleAnneal.Cosine : OneCycleAnneal.Linear;
            var cycleMomentum = r.Bool("cycle_momentum", true);
            var baseMomentum = PerGroup(r, "base_momentum", required: false, 0.85);
            var maxMomentum = PerGroup(r, "max_momentum", required: false, 0.95);
            var div = r.Number("div_factor", 25.0);
            var finalDiv = r.Number("final_div_factor", 1e4);
            var threePhase = r.Bool("three_phase", false);
            var groups = GroupCount(r, maxLr, cycleMomentum ? baseMomentum : null, cycleMomentum ? maxMomentum : null);

            // Built for every group now, so that bad phases or per-group values are reported at the spec.
            for (var g = 0; g < (groups ?? 1); g++)
            {
                _ = new OneCycleSchedule(maxLr.At(g), total, pct, anneal, div, finalDiv, threePhase, extrapolate: true);
                _ = cycleMomentum ? new OneCycleMomentumSchedule(total, baseMomentum.At(g), maxMomentum.At(g), pct, anneal, threePhase, extrapolate: true) : null;
            }
            return new Bound(
                r.Canonical(),
                SpecOrigin.Torch,
                (g, _) => new OneCycleSchedule(maxLr.At(g), total, pct, anneal, div, finalDiv, threePhase, extrapolate: true),
                UsesBaseRates: false,
                Momentum: cycleMomentum ? (g, _) => new OneCycleMomentumSchedule(total, baseMomentum.At(g), maxMomentum.At(g), pct, anneal, threePhase, extrapolate: true) : null,
                StepLimit: total + 1,
                Unit: ProgressUnit.Steps,
                GroupCount: groups,
                InitialRate: g => maxLr.At(g) / div);
        });

        yield return Torch("SequentialLR", ["schedulers", "milestones", "last_epoch", "verbose"], r =>
        {
            var children = Children(r);
            // PyTorch restarts each later scheduler with step(0), which ChainedScheduler.step and SequentialLR.step do not take.
            if (children.Skip(1).FirstOrDefault(c => CombiningSchedulers.Any(name => c.Spec.StartsWith(name, StringComparison.Ordinal))) is { } combined)
            {
                throw r.Error("schedulers", $"{combined.Spec} cannot follow a milestone in torch.SequentialLR (PyTorch fails there: its step() takes no epoch); put it first, list its schedulers in this torch.SequentialLR, or use native sequence(...)");
            }

            if (children.FirstOrDefault(c => c.Spec.StartsWith("torch.SequentialLR(", StringComparison.Ordinal)) is { } nested)
            {
                // First in line PyTorch runs it, but the outer SequentialLR's reset and initial step undo the inner one's first factor.
                throw r.Error("schedulers", $"{nested.Spec} cannot be part of torch.SequentialLR (PyTorch loses the inner schedulers' first step, or fails at the milestone); list all the schedulers in one torch.SequentialLR");
            }

            if (children.Skip(1).FirstOrDefault(c => c.Spec.StartsWith("torch.OneCycleLR(", StringComparison.Ordinal)) is { } oneCycle)
            {
                throw r.Error("schedulers", $"{oneCycle.Spec} can only be the first scheduler of torch.SequentialLR (PyTorch's OneCycleLR rewrites initial_lr, which changes the rates of the schedulers before it); put it first, or use native sequence(...)");
            }

            var milestones = (r.OptionalNumbers("milestones", allowScalar: false) ?? throw r.Missing("milestones", "[5]")).Select(m => m.Value).ToArray();
            if (milestones.Length != children.Count - 1)
            {
                throw r.Error("milestones", $"Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers {children.Count} and the number of milestones to be equal to {milestones.Length}; give one milestone between each pair of schedulers");
            }

            for (var i = 0; i < milestones.Length; i++)
            {
                if (!(milestones[i] > (i == 0 ? 0 : milestones[i - 1])))
                {
                    throw r.Error("milestones", $"expected increasing milestones above 0, but got [{string.Join(", ", milestones.Select(Show))}]; PyTorch switches schedulers in order, so sort them");
                }
            }

            long? limit = null;
            for (var i = 0; i < children.Count; i++)
            {
                var segment = i < milestones.Length ? milestones[i] - (i == 0 ? 0 : milestones[i - 1]) : double.PositiveInfinity;
                if (children[i].StepLimit is { } childLimit)
                {
                    if (i < children.Count - 1 && segment > childLimit)
                    {
                        throw r.Error("milestones", $"{children[i].Spec} can only be stepped {childLimit - 1} times, but runs for {Show(segment)} steps before the next milestone; move the milestone earlier");
                    }

                    if (i == children.Count - 1)
                    {
                        limit = (long)(i == 0 ? 0 : milestones[i - 1]) + childLimit;
                    }
                }
            }

            return new Bound(
                r.Canonical(new Dictionary<string, string> { ["schedulers"] = "[" + string.Join(", ", children.Select(c => c.Spec)) + "]" }),
                SpecOrigin.Torch,
                (g, baseRate) =>
                {
                    // The later schedulers take their base rate from initial_lr, which a first CyclicLR/OneCycleLR sets to its own rate.
                    var inherited = children[0].InitialRate?.Invoke(g) ?? baseRate;
                    return new SequenceSchedule(children.Select((c, i) => c.Rate(g, i == 0 ? baseRate : inherited)), milestones, restartClock: true);
                },
                UsesBaseRates: children[0].UsesBaseRates || (children[0].InitialRate is null && children.Any(c => c.UsesBaseRates)),
                StepLimit: limit,
                Unit: ProgressUnit.Epochs,
                GroupCount: SameGroupCount(r, children));
        });

        yield return Torch("ChainedScheduler", ["schedulers"], r =>
        {
            var children = Children(r);
            var links = Links(r, children);
            var limit = children.Select(c => c.StepLimit).Where(l => l is not null).Min();
            var kinds = links.Select(l => l.ChainKind.GetValueOrDefault()).ToArray(); // only a lone link can have none (Links)
            if (links.Count > 1 && kinds.Any(k => k != TorchChainKind.Multiplicative))
            {
                // Built once here (with a base rate above any eta_min) to find out whether PyTorch's recursion has a closed form for this chain.
                var probe = new TorchChainSchedule(1e300, kinds, [.. links.Select(l => l.Rate(0, 1e300))]);
                if (probe.NeedsRecursion)
                {
                    limit = Math.Min(limit ?? long.MaxValue, TorchChainSchedule.RecursionLimit + 1);
                }
            }

            return new Bound(
                r.Canonical(new Dictionary<string, string> { ["schedulers"] = "[" + string.Join(", ", children.Select(c => c.Spec)) + "]" }),
                SpecOrigin.Torch,
                (g, baseRate) => Chain(kinds, [.. links.Select(c => c.Rate(g, baseRate))], baseRate),
                UsesBaseRates: children.Any(c => c.UsesBaseRates),
                StepLimit: limit,
                Unit: ProgressUnit.Epochs,
                GroupCount: SameGroupCount(r, children),
                ChainKind: links.Count > 1 || links[0].ChainKind is not null ? TorchChainKind.Nested : null,
                ChainLinks: links,
                InitialRate: links.Count == 1 ? links[0].InitialRate : null);
        });

        yield return Torch("ReduceLROnPlateau", ["mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps", "verbose"], r =>
        {
            var factor = r.Number("factor", 0.1);
            if (!(factor < 1.0))
            {
                throw r.Error("factor", $"Factor should be < 1.0, but got {Show(factor)}; give the factor a reduction multiplies the rate by, e.g. factor=0.1");
            }

            var minLr = PerGroup(r, "min_lr", required: false, 0.0);
            var options = new PlateauOptions
            {
                Mode = r.Choice("mode", "min", "min", "max") == "min" ? PlateauMode.Min : PlateauMode.Max,
                Factor = factor,
                Patience = checked((int)NonNegativeInteger(r, "patience", 10)),
                Threshold = r.Number("threshold", 1e-4),
                ThresholdMode = r.Choice("threshold_mode", "rel", "rel", "abs") == "rel" ? PlateauThresholdMode.Relative : PlateauThresholdMode.Absolute,
                Cooldown = checked((int)NonNegativeInteger(r, "cooldown", 0)),
                MinRates = minLr.Values,
                Eps = r.Number("eps", 1e-8),
            };

            // Validate the options now (PlateauReduction checks them), so errors point at the spec.
            _ = new PlateauReduction(options, Math.Max(1, minLr.Values.Count));
            return new Bound(r.Canonical(), SpecOrigin.Torch, (_, baseRate) => new ConstantSchedule(baseRate), UsesBaseRates: true, Plateau: options, Unit: ProgressUnit.Epochs, GroupCount: minLr.IsList ? minLr.Values.Count : null);
        });

        foreach (var name in new[] { "LambdaLR", "MultiplicativeLR" })
        {
            yield return new SpecFunction("torch." + name, ["lr_lambda", "last_epoch", "verbose"], r => throw new SpecException(r.Call.Position, $"torch.{name} takes a Python function, which a spec cannot hold; write the curve as a native schedule (e.g. piecewise_linear(...)) or compose native schedules"));
        }
    }

    /// <summary>A per-group value: one number for all groups, or a list with one per group.</summary>
    internal sealed record GroupValues(IReadOnlyList<double> Values, bool IsList, string Name)
    {
        public double At(int group) => IsList ? Values[group] : Values[0];
    }

    internal static GroupValues PerGroup(CallReader r, string name, bool required, double fallback)
    {
        var numbers = r.OptionalNumbers(name, allowScalar: true);
        if (numbers is null)
        {
            return required ? throw r.Missing(name, "0.1") : new GroupValues([fallback], false, name);
        }

        if (numbers.Count == 0)
        {
            throw r.Error(name, "expected a number or a non-empty list with one number per parameter group, but got []; give one number, or one per group, e.g. [0.1, 0.01]");
        }

        return new GroupValues([.. numbers.Select(n => n.Value)], r.Raw(name) is SpecList, name);
    }

    private static int? GroupCount(CallReader r, params GroupValues?[] values)
    {
        int? count = null;
        foreach (var value in values)
        {
            if (value is null || !value.IsList)
            {
                continue;
            }

            if (count is { } n && n != value.Values.Count)
            {
                throw r.Error(value.Name, $"expected {n} values (one per parameter group, as in the other lists), but got {value.Values.Count}; give every per-group list the same length, or a single number for all groups");
            }

            count = value.Values.Count;
        }

        return count;
    }

    private static int? SameGroupCount(CallReader r, IReadOnlyList<Bound> children)
    {
        var counts = children.Select(c => c.GroupCount).Where(c => c is not null).Distinct().ToList();
        if (counts.Count > 1)
        {
            throw r.Error("schedulers", $"the schedulers have per-group lists of different lengths ({string.Join(", ", counts)}); give every scheduler the same number of groups");
        }

        return counts.SingleOrDefault();
    }

    private static List<Bound> Children(CallReader r)
    {
        var items = r.OptionalList("schedulers") ?? throw r.Missing("schedulers", "[torch.LinearLR(start_factor=0.1, total_iters=5), torch.CosineAnnealingLR(T_max=95)]");
        if (items.Count == 0)
        {
            throw r.Error("schedulers", "expected at least one scheduler, but got []; give the schedulers in a list, e.g. schedulers=[torch.LinearLR(total_iters=5), torch.CosineAnnealingLR(T_max=95)]");
        }

        var children = new List<Bound>();
        foreach (var item in items)
        {
            var child = SpecBinder.Bind(item);
            if (child.Origin != SpecOrigin.Torch)
            {
                throw new SpecException(item.Position, $"{r.DisplayName} combines torch. schedulers, but got {child.Spec}; use torch.* schedulers inside it, or native sequence(...)/product(...)");
            }

            if (child.Plateau is not null)
            {
                throw new SpecException(item.Position, $"torch.ReduceLROnPlateau cannot be part of {r.DisplayName} (PyTorch steps it with a metric); use it on its own");
            }

            children.Add(child);
        }

        return children;
    }

    /// <summary>
    /// The chain's links in the order PyTorch steps them, nested chains flattened. Schedulers that do not just act on the
    /// current rate (CyclicLR, OneCycleLR, SequentialLR) may only stand alone in a chain.
    /// </summary>
    private static List<Bound> Links(CallReader r, List<Bound> children)
    {
        var links = children.SelectMany(c => c.ChainKind == TorchChainKind.Nested ? c.ChainLinks! : [c]).ToList();
        if (links.Count > 1 && links.FirstOrDefault(l => l.ChainKind is null) is { } other)
        {
            throw r.Error("schedulers", $"{other.Spec} cannot be chained with other schedulers (PyTorch mixes its own base_lr and momentum state with theirs); chain StepLR, MultiStepLR, ExponentialLR, ConstantLR, LinearLR, PolynomialLR, CosineAnnealingLR and CosineAnnealingWarmRestarts, or use it on its own");
        }

        return links;
    }

    private static Schedule Chain(TorchChainKind[] kinds, Schedule[] rates, double baseRate)
    {
        if (rates.Length == 1)
        {
            return rates[0];
        }

        if (baseRate == 0)
        {
            return new ConstantSchedule(0.0);
        }

        if (kinds.All(k => k == TorchChainKind.Multiplicative))
        {
            // Each chained scheduler multiplies the rate by its own factor f_i(t) = rate_i(t) / base.
            return new ScaleSchedule(new ProductSchedule(rates), Math.Pow(baseRate, 1 - rates.Length));
        }

        return new TorchChainSchedule(baseRate, kinds, rates);
    }

    private static Bound Template(CallReader r, Func<int, double, Schedule> rate, TorchChainKind chainKind) =>
        new(r.Canonical(), SpecOrigin.Torch, Guarded(r, rate), UsesBaseRates: true, Unit: ProgressUnit.Epochs, ChainKind: chainKind);

    /// <summary>Reports errors that only show once a group's base rate is known in the spec's terms.</summary>
    internal static Func<int, double, Schedule> Guarded(CallReader r, Func<int, double, Schedule> rate) => (group, baseRate) =>
    {
        if (!double.IsFinite(baseRate) || baseRate < 0)
        {
            throw new SpecException(-1, $"the base rate of parameter group {group} must be a finite number >= 0, but was {Show(baseRate)}; give the optimizer a valid learning rate");
        }

        try
        {
            return rate(group, baseRate);
        }
        catch (ScheduleArgumentException error)
        {
            var translated = SpecBinder.Translate(error, r);
            throw new SpecException(translated.Position, $"{translated.Detail} for parameter group {group} (base rate {Show(baseRate)})", error);
        }
    };

    private static void FloorNotAboveBase(CallReader r, string name, double floor, int group, double baseRate)
    {
        if (floor > baseRate)
        {
            throw r.Error(name, $"{Show(floor)} is above the base rate {Show(baseRate)} of parameter group {group}, which would anneal upwards (PyTorch accepts it silently); lower {name} or raise the group's rate");
        }
    }

    private static double NonNegative(CallReader r, string name, double fallback)
    {
        var value = r.Number(name, fallback);
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw r.Error(name, $"expected a finite number >= 0, but got {Show(value)} (PyTorch accepts a negative {name}, but a negative rate is wrong); give 0 or more");
        }

        return value;
    }

    private static double PositiveLength(CallReader r, string name, string example, double? fallback = null)
    {
        var value = fallback is { } f ? r.Number(name, f) : r.RequiredNumber(name, example);
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw r.Error(name, $"expected a finite number > 0, but got {Show(value)} (PyTorch fails on it only when stepping); give e.g. {name}={example}");
        }

        return value;
    }

    private static long NonNegativeInteger(CallReader r, string name, long fallback)
    {
        var value = r.Integer(name, fallback);
        if (value < 0)
        {
            throw r.Error(name, $"expected an integer >= 0, but got {value}; give 0 or more, e.g. {name}={fallback}");
        }

        return value;
    }

    private static double Gamma(CallReader r, double fallback)
    {
        var gamma = r.Number("gamma", fallback);
        if (!(gamma > 0 && gamma <= 1))
        {
            throw r.Error("gamma", $"expected a number in (0, 1], but got {Show(gamma)}; a rate that grows each step is not supported (PyTorch accepts it); give e.g. gamma=0.1");
        }

        return gamma;
    }

    private static void CheckLastEpoch(CallReader r)
    {
        if (r.Raw("last_epoch") is SpecNumber { Value: not -1 } lastEpoch)
        {
            throw new SpecException(lastEpoch.Position, $"last_epoch={CallReader.Show(lastEpoch)} resumes a PyTorch scheduler in the middle; specs always start at step 0 — resume with the scheduler's saved state (train --resume) instead");
        }

        r.Bool("verbose", false);
    }

    private static SpecFunction Torch(string name, string[] parameters, Func<CallReader, Bound> bind) =>
        new("torch." + name, parameters, r =>
        {
            if (parameters.Contains("last_epoch"))
            {
                CheckLastEpoch(r);
            }

            return bind(r);
        });

    private static string Show(double value) => SpecWriter.FormatNumber(value);
}
