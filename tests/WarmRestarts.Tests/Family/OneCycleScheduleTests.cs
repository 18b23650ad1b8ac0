using WarmRestarts.Family;

namespace WarmRestarts.Tests.Family;

public class OneCycleScheduleTests
{
    /// <summary>A port of PyTorch's OneCycleLR (phases from __init__, the loop of get_lr) for one parameter group.</summary>
    private static (double Lr, double Momentum) TorchOneCycle(
        double maxLr, int totalSteps, double pctStart, string annealStrategy, double divFactor, double finalDivFactor,
        bool threePhase, double baseMomentum, double maxMomentum, int stepNum)
    {
        var initialLr = maxLr / divFactor;
        var minLr = initialLr / finalDivFactor;
        (double EndStep, double StartLr, double EndLr, double StartM, double EndM)[] phases = threePhase
            ?
            [
                ((pctStart * totalSteps) - 1, initialLr, maxLr, maxMomentum, baseMomentum),
                ((2 * pctStart * totalSteps) - 2, maxLr, initialLr, baseMomentum, maxMomentum),
                (totalSteps - 1, initialLr, minLr, maxMomentum, maxMomentum),
            ]
            :
            [
                ((pctStart * totalSteps) - 1, initialLr, maxLr, maxMomentum, baseMomentum),
                (totalSteps - 1, maxLr, minLr, baseMomentum, maxMomentum),
            ];

        static double Anneal(string strategy, double start, double end, double pct) => strategy == "cos"
            ? end + ((start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1))
            : ((end - start) * pct) + start;

        var startStep = 0.0;
        for (var i = 0; i < phases.Length; i++)
        {
            var endStep = phases[i].EndStep;
            if (stepNum <= endStep || i == phases.Length - 1)
            {
                var pct = (stepNum - startStep) / (endStep - startStep);
                return (Anneal(annealStrategy, phases[i].StartLr, phases[i].EndLr, pct), Anneal(annealStrategy, phases[i].StartM, phases[i].EndM, pct));
            }

            startStep = endStep;
        }

        throw new InvalidOperationException("unreachable");
    }

    public static TheoryData<int, double, string, bool> Configurations => new()
    {
        { 100, 0.3, "cos", false },
        { 100, 0.3, "linear", false },
        { 100, 0.3, "cos", true },
        { 100, 0.3, "linear", true },
        { 37, 0.25, "cos", false },
        { 37, 0.25, "linear", true },
        { 10, 0.45, "cos", true },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Matches_pytorch_onecyclelr_over_the_run(int total, double pctStart, string anneal, bool threePhase)
    {
        var strategy = anneal == "cos" ? OneCycleAnneal.Cosine : OneCycleAnneal.Linear;
        var schedule = Schedules.OneCycle(0.1, total, pctStart, strategy, divFactor: 25, finalDivFactor: 1e4, threePhase: threePhase);
        var momentum = schedule.Momentum(0.85, 0.95);
        for (var t = 0; t < total - 1; t++)
        {
            var (lr, m) = TorchOneCycle(0.1, total, pctStart, anneal, 25, 1e4, threePhase, 0.85, 0.95, t);
            Expect.Close(lr, schedule.Evaluate(t));
            Expect.Close(m, momentum.Evaluate(t));
        }

        // At total - 1 the final value is returned exactly; PyTorch's linear anneal computes it as
        // (end - start) * 1.0 + start, which is off by rounding of the order of ulp(max_lr).
        var (lastLr, lastM) = TorchOneCycle(0.1, total, pctStart, anneal, 25, 1e4, threePhase, 0.85, 0.95, total - 1);
        Assert.Equal(0.1 / 25 / 1e4, schedule.Evaluate(total - 1));
        Assert.Equal(0.95, momentum.Evaluate(total - 1));
        Assert.InRange(Math.Abs(lastLr - schedule.Evaluate(total - 1)), 0.0, 4 * (Math.BitIncrement(0.1) - 0.1));
        Assert.InRange(Math.Abs(lastM - momentum.Evaluate(total - 1)), 0.0, 1e-15);
    }

    [Fact]
    public void Named_points_and_hold_after_the_run()
    {
        var schedule = Schedules.OneCycle(0.1, 100); // peak at 29, end at 99
        Expect.Close(0.1 / 25, schedule.Evaluate(0), 1e-14);
        Expect.Close(0.1, schedule.Evaluate(29), 1e-14);
        Expect.Close(0.1 / 25 / 1e4, schedule.Evaluate(99), 1e-14);
        Assert.Equal(0.1 / 25 / 1e4, schedule.Evaluate(100));
        Assert.Equal(0.1 / 25 / 1e4, schedule.Evaluate(Expect.Far));
        Assert.Equal(0.1 / 25, schedule.Initial);
        Assert.Equal(0.1 / 25 / 1e4, schedule.Minimum);
        var momentum = schedule.Momentum();
        Expect.Close(0.95, momentum.Evaluate(0), 1e-14);
        Expect.Close(0.85, momentum.Evaluate(29), 1e-14);
        Assert.Equal(0.95, momentum.Evaluate(Expect.Far));
        var three = new OneCycleMomentumSchedule(100, 0.85, 0.95, threePhase: true);
        Expect.Close(0.95, three.Evaluate(58), 1e-14);
        Expect.Close(0.95, three.Evaluate(80), 1e-14);
        Assert.Equal(0.95, three.Evaluate(Expect.Far));
    }

    [Fact]
    public void Three_phase_returns_to_initial_before_the_final_decay()
    {
        var schedule = Schedules.OneCycle(0.1, 100, threePhase: true); // up to 29, down to 58, then to 99
        Expect.Close(0.1, schedule.Evaluate(29), 1e-14);
        Expect.Close(0.1 / 25, schedule.Evaluate(58), 1e-14);
        Expect.Close(0.1 / 25 / 1e4, schedule.Evaluate(99), 1e-14);
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        Expect.Invalid("maxRate", () => Schedules.OneCycle(-0.1, 100));
        Expect.Invalid("total", () => Schedules.OneCycle(0.1, 1.5));
        Expect.Invalid("total", () => Schedules.OneCycle(0.1, 0));
        Expect.Invalid("total", () => Schedules.OneCycle(0.1, double.NaN));
        Expect.Invalid("total", () => Schedules.OneCycle(0.1, double.PositiveInfinity));
        Expect.Invalid("pctStart", () => Schedules.OneCycle(0.1, 100, 0));
        Expect.Invalid("pctStart", () => Schedules.OneCycle(0.1, 100, 1));
        Expect.Invalid("pctStart", () => Schedules.OneCycle(0.1, 100, double.NaN));
        Expect.Invalid("pctStart", () => Schedules.OneCycle(0.1, 2, 0.3)); // the rising phase would end at -0.4
        Expect.Invalid("pctStart", () => Schedules.OneCycle(0.1, 10, 0.1)); // ... at 0: an empty phase
        Expect.Invalid("pctStart", () => Schedules.OneCycle(0.1, 100, 0.6, threePhase: true)); // 59, 118, 99
        Expect.Invalid("anneal", () => Schedules.OneCycle(0.1, 100, anneal: (OneCycleAnneal)3));
        Expect.Invalid("divFactor", () => Schedules.OneCycle(0.1, 100, divFactor: 0));
        Expect.Invalid("finalDivFactor", () => Schedules.OneCycle(0.1, 100, finalDivFactor: -1));
        Expect.Invalid("finalDivFactor", () => Schedules.OneCycle(0.1, 100, finalDivFactor: double.PositiveInfinity));
        Expect.Invalid("baseMomentum", () => new OneCycleMomentumSchedule(100, baseMomentum: double.NaN));
        Expect.Invalid("maxMomentum", () => Schedules.OneCycle(0.1, 100).Momentum(0.85, -1));
    }

    [Fact]
    public void Specs_are_stable()
    {
        Assert.Equal(
            "one_cycle(max_rate=0.1, total=100.0, pct_start=0.3, anneal='cos', three_phase=False, div_factor=25.0, final_div_factor=10000.0)",
            Schedules.OneCycle(0.1, 100).ToString());
        Assert.Equal(
            "one_cycle_momentum(base_momentum=0.85, max_momentum=0.95, total=100.0, pct_start=0.3, anneal='linear', three_phase=True)",
            Schedules.OneCycle(0.1, 100, anneal: OneCycleAnneal.Linear, threePhase: true).Momentum().ToString());
    }
}
