using WarmRestarts.Family;

namespace WarmRestarts.Tests.Family;

public class CyclicScheduleTests
{
    /// <summary>A port of PyTorch's CyclicLR.get_lr (torch/optim/lr_scheduler.py) for one parameter group.</summary>
    private static (double Lr, double Momentum) TorchCyclic(
        double baseLr, double maxLr, double stepSizeUp, double stepSizeDown, string mode, double gamma,
        double baseMomentum, double maxMomentum, int lastEpoch)
    {
        var totalSize = stepSizeUp + stepSizeDown;
        var stepRatio = stepSizeUp / totalSize;
        var cycle = Math.Floor(1 + (lastEpoch / totalSize));
        var x = 1.0 + (lastEpoch / totalSize) - cycle;
        double scaleFactor;
        if (x <= stepRatio)
        {
            scaleFactor = x / stepRatio;
        }
        else
        {
            scaleFactor = (x - 1) / (stepRatio - 1);
        }

        // triangular and triangular2 scale by cycle, exp_range by iteration.
        var scale = mode switch
        {
            "triangular" => 1.0,
            "triangular2" => 1 / Math.Pow(2.0, cycle - 1),
            _ => Math.Pow(gamma, lastEpoch),
        };
        var baseHeight = (maxLr - baseLr) * scaleFactor;
        var lr = baseLr + (baseHeight * scale);
        var momentumHeight = (maxMomentum - baseMomentum) * scaleFactor;
        var momentum = maxMomentum - (momentumHeight * scale);
        return (lr, momentum);
    }

    public static TheoryData<string, double, double, double> Configurations => new()
    {
        { "triangular", 4, 4, 1.0 },
        { "triangular2", 4, 4, 1.0 },
        { "exp_range", 4, 4, 0.9 },
        { "triangular", 3, 7, 1.0 },
        { "triangular2", 5, 2, 1.0 },
        { "exp_range", 2, 5, 0.97 },
    };

    private static CyclicMode Mode(string mode) => mode switch
    {
        "triangular" => CyclicMode.Triangular,
        "triangular2" => CyclicMode.Triangular2,
        _ => CyclicMode.ExpRange,
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Matches_pytorch_cycliclr_over_thirty_steps(string mode, double up, double down, double gamma)
    {
        var schedule = Schedules.Cyclic(0.001, 0.006, up, down, Mode(mode), gamma);
        var momentum = schedule.Momentum(baseMomentum: 0.8, maxMomentum: 0.9);
        for (var t = 0; t <= 30; t++)
        {
            var (lr, m) = TorchCyclic(0.001, 0.006, up, down, mode, gamma, 0.8, 0.9, t);
            Expect.Close(lr, schedule.Evaluate(t));
            Expect.Close(m, momentum.Evaluate(t));
        }
    }

    [Fact]
    public void Momentum_is_the_same_schedule_with_base_and_max_swapped()
    {
        var direct = Schedules.Cyclic(baseRate: 0.95, maxRate: 0.85, stepSizeUp: 3, stepSizeDown: 5, mode: CyclicMode.Triangular2);
        for (var t = 0; t <= 30; t++)
        {
            // Bit-for-bit: base + (max - base)·s·f with base = max_m, max = base_m is PyTorch's max_m - (max_m - base_m)·s·f.
            Assert.Equal(TorchCyclic(0.001, 0.006, 3, 5, "triangular2", 1, 0.85, 0.95, t).Momentum, direct.Evaluate(t));
        }

        Assert.Equal(direct, Schedules.Cyclic(0.001, 0.006, 3, 5, CyclicMode.Triangular2).Momentum(0.85, 0.95));
    }

    [Theory]
    [InlineData(0.0, 0.001)]
    [InlineData(1.0, 0.0035)]
    [InlineData(2.0, 0.006)]
    [InlineData(3.0, 0.0035)]
    [InlineData(4.0, 0.001)]
    [InlineData(6.0, 0.006)]
    public void Triangular_named_points(double t, double expected) =>
        Expect.Close(expected, Schedules.Cyclic(0.001, 0.006, 2).Evaluate(t), 1e-14);

    [Fact]
    public void Triangular2_halves_the_amplitude_and_exp_range_decays()
    {
        var halving = Schedules.Cyclic(0.001, 0.006, 2, mode: CyclicMode.Triangular2);
        Expect.Close(0.006, halving.Evaluate(2), 1e-14);
        Expect.Close(0.001 + (0.005 / 2), halving.Evaluate(6), 1e-14);
        Expect.Close(0.001 + (0.005 / 4), halving.Evaluate(10), 1e-14);
        Expect.Close(0.001, halving.Evaluate(Expect.Far), 1e-14);
        var decaying = Schedules.Cyclic(0.001, 0.006, 2, mode: CyclicMode.ExpRange, gamma: 0.5);
        Expect.Close(0.001 + (0.005 * 0.25), decaying.Evaluate(2), 1e-14);
        Assert.Equal(0.001, decaying.Evaluate(Expect.Far));
        Assert.False(decaying.TryGetCycle(3, out _));
    }

    [Fact]
    public void Far_future_is_finite_and_in_range()
    {
        var value = Schedules.Cyclic(0.001, 0.006, 3, 4).Evaluate(Expect.Far);
        Assert.InRange(value, 0.001, 0.006);
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        Expect.Invalid("baseRate", () => Schedules.Cyclic(-1, 0.006, 2));
        Expect.Invalid("maxRate", () => Schedules.Cyclic(0.001, double.NaN, 2));
        Expect.Invalid("stepSizeUp", () => Schedules.Cyclic(0.001, 0.006, 0));
        Expect.Invalid("stepSizeUp", () => Schedules.Cyclic(0.001, 0.006, double.PositiveInfinity));
        Expect.Invalid("stepSizeDown", () => Schedules.Cyclic(0.001, 0.006, 2, -2));
        Expect.Invalid("stepSizeDown", () => Schedules.Cyclic(0.001, 0.006, 2, double.NaN));
        Expect.Invalid("stepSizeDown", () => Schedules.Cyclic(0.001, 0.006, 1e-300, 1e300)); // the rising share rounds to 0
        Expect.Invalid("stepSizeDown", () => Schedules.Cyclic(0.001, 0.006, 1e308, 1e308));
        Expect.Invalid("gamma", () => Schedules.Cyclic(0.001, 0.006, 2, mode: CyclicMode.ExpRange, gamma: 1.01));
        Expect.Invalid("gamma", () => Schedules.Cyclic(0.001, 0.006, 2, mode: CyclicMode.ExpRange, gamma: 0));
        Expect.Invalid("mode", () => Schedules.Cyclic(0.001, 0.006, 2, mode: (CyclicMode)7));
        Expect.Invalid("baseMomentum", () => Schedules.Cyclic(0.001, 0.006, 2).Momentum(-0.1, 0.9));
    }

    [Fact]
    public void Specs_are_stable()
    {
        Assert.Equal(
            "cyclic(base_rate=0.001, max_rate=0.006, step_size_up=2000.0, step_size_down=2000.0, mode='triangular')",
            Schedules.Cyclic(0.001, 0.006, 2000).ToString());
        Assert.Equal(
            "cyclic(base_rate=0.001, max_rate=0.006, step_size_up=2.0, step_size_down=3.0, mode='exp_range', gamma=0.99)",
            Schedules.Cyclic(0.001, 0.006, 2, 3, CyclicMode.ExpRange, 0.99).ToString());
        Assert.Equal(Schedules.Cyclic(0.001, 0.006, 2), Schedules.Cyclic(0.001, 0.006, 2, 2));
    }
}
