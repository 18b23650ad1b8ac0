using WarmRestarts.Restarts;
using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Specs;

/// <summary>The timm.* names: how pasted lines are read, the canonical text, and the error for each bad argument.</summary>
public class TimmSpecTests
{
    [Fact]
    public void All_six_timm_names_are_known()
    {
        Assert.Equal(
            ["timm.CosineLRScheduler", "timm.MultiStepLRScheduler", "timm.PlateauLRScheduler", "timm.PolyLRScheduler", "timm.StepLRScheduler", "timm.TanhLRScheduler"],
            ScheduleSpec.Names.Where(n => n.StartsWith("timm.", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_pasted_timm_line_drops_the_optimizer_and_takes_positional_arguments_in_timms_order()
    {
        var pasted = ScheduleSpec.Parse("timm.scheduler.CosineLRScheduler(optimizer, 10, 1e-5, 2.0, cycle_limit=3)");
        Assert.Equal("timm.CosineLRScheduler(t_initial=10, lr_min=1e-05, cycle_mul=2.0, cycle_limit=3)", pasted.Spec);
        Assert.Equal(ScheduleSpec.Parse(pasted.Spec), pasted);
        var schedule = pasted.RateFor(0, 0.1);
        Assert.Equal(0.1, schedule.Evaluate(10)); // restart after the first 10-epoch cycle
        Assert.Equal(0.1, schedule.Evaluate(30));
        Assert.Equal(1e-5, schedule.Evaluate(70)); // three cycles, then lr_min
    }

    [Fact]
    public void Defaults_are_timms()
    {
        // Cosine: one cycle only (cycle_limit=1), then lr_min = 0.
        var cosine = ScheduleSpec.Parse("timm.CosineLRScheduler(t_initial=10)").RateFor(0, 0.1);
        Assert.Equal(0.05, cosine.Evaluate(5), 15);
        Assert.Equal(0.0, cosine.Evaluate(10));
        Assert.Equal(0.0, cosine.Evaluate(15));

        // Poly: power 0.5.
        Assert.Equal(0.1 * Math.Sqrt(0.5), ScheduleSpec.Parse("timm.PolyLRScheduler(t_initial=10)").RateFor(0, 0.1).Evaluate(5), 15);

        // Tanh: lb=-7, ub=3; the constructor's base rate at t = 0.
        var tanh = ScheduleSpec.Parse("timm.TanhLRScheduler(t_initial=10)").RateFor(0, 0.1);
        Assert.Equal(0.1, tanh.Evaluate(0));
        Assert.Equal(0.05 * (1 - Math.Tanh((-7 * 0.9) + (3 * 0.1))), tanh.Evaluate(1), 15);

        // Step/MultiStep: decay_rate=1 (constant), warm-up as a prefix.
        Assert.Equal(0.1, ScheduleSpec.Parse("timm.StepLRScheduler(decay_t=2)").RateFor(0, 0.1).Evaluate(9));
        var multi = ScheduleSpec.Parse("timm.MultiStepLRScheduler(decay_t=[4], decay_rate=0.5, warmup_t=2)").RateFor(0, 0.1);
        Assert.Equal(0.05, multi.Evaluate(1), 15);
        Assert.Equal(0.1, multi.Evaluate(4));
        Assert.Equal(0.05, multi.Evaluate(5), 15); // milestone 4 counts from the end of the warm-up, one early (t + 1)

        // Plateau: mode 'max', decay_rate 0.1, patience_t 10, threshold 1e-4 relative.
        var plateau = ScheduleSpec.Parse("timm.PlateauLRScheduler()").Plateau!;
        Assert.Equal("plateau(mode='max', factor=0.1, patience=10, threshold=0.0001, threshold_mode='rel', cooldown=0, min_rates=[0.0], eps=1e-08)", plateau.ToString());
        Assert.Equal(ProgressUnit.Epochs, ScheduleSpec.Parse("timm.PlateauLRScheduler()").Unit);
    }

    [Fact]
    public void Warmup_prefix_false_overlays_and_jumps_while_true_shifts()
    {
        var overlay = ScheduleSpec.Parse("timm.CosineLRScheduler(t_initial=10, warmup_t=5)").RateFor(0, 0.1);
        Assert.Equal(0.0, overlay.Evaluate(0));
        Assert.Equal(0.08, overlay.Evaluate(4), 15);
        Assert.Equal(0.05, overlay.Evaluate(5), 15); // the cosine at t = 5, not the peak
        var prefix = ScheduleSpec.Parse("timm.CosineLRScheduler(t_initial=10, warmup_t=5, warmup_prefix=True)").RateFor(0, 0.1);
        Assert.Equal(0.1, prefix.Evaluate(5));
        Assert.Equal(0.05, prefix.Evaluate(10), 15);
    }

    [Fact]
    public void Update_counted_schedules_are_in_steps()
    {
        Assert.Equal(ProgressUnit.Steps, ScheduleSpec.Parse("timm.StepLRScheduler(decay_t=100, t_in_epochs=False)").Unit);
        Assert.Equal(ProgressUnit.Epochs, ScheduleSpec.Parse("timm.StepLRScheduler(decay_t=100)").Unit);
    }

    [Fact]
    public void Native_spec_text_of_the_new_shapes_parses_back()
    {
        var schedule = ScheduleSpec.ParseSchedule("warm_restarts(peak=0.1, first_cycle=10, shape=tanh(lower=-6.0, upper=4.0))");
        Assert.Equal("warm_restarts(peak=0.1, floor=0.0, first_cycle=10.0, cycle_growth=1.0, shape=tanh(lower=-6.0, upper=4.0))", schedule.ToString());
        Assert.Equal(0.05 * (1 - Math.Tanh(-1.0)), schedule.Evaluate(5), 15);
        var poly = ScheduleSpec.ParseSchedule("warm_restarts(peak=0.1, first_cycle=10, shape=polynomial(power=2.0, k=3.0))");
        Assert.Equal(0.1 * Math.Pow(1 - 0.125, 2), poly.Evaluate(5), 15);
        Assert.Equal(poly, ScheduleSpec.ParseSchedule(poly.ToString()));
    }

    [Theory]
    [InlineData("timm.CosineLRScheduler(t_inital=10)", "unknown parameter 't_inital' for timm.CosineLRScheduler; did you mean 't_initial'?")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, cycle_decay_rate=0.5)", "unknown parameter 'cycle_decay_rate' for timm.CosineLRScheduler; did you mean 'cycle_decay'?")]
    [InlineData("timm.PlateauLRScheduler(patience=3)", "unknown parameter 'patience' for timm.PlateauLRScheduler; did you mean 'patience_t'?")]
    [InlineData("timm.TanhLRScheduler(t_initial=10, t_mul=2)", "unknown parameter 't_mul' for timm.TanhLRScheduler; valid: t_initial, lb, ub, lr_min, cycle_mul,")]
    [InlineData("timm.CosineLRSchedular(t_initial=10)", "unknown schedule 'timm.CosineLRSchedular'; did you mean 'timm.CosineLRScheduler'?")]
    [InlineData("timm.CosineLRScheduler()", "timm.CosineLRScheduler needs t_initial; add t_initial=100")]
    [InlineData("timm.CosineLRScheduler(t_initial=0)", "t_initial of timm.CosineLRScheduler: timm asserts t_initial > 0, but got 0")]
    [InlineData("timm.PolyLRScheduler(t_initial=10, lr_min=-0.001)", "lr_min of timm.PolyLRScheduler: timm asserts lr_min >= 0, but got -0.001")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, cycle_mul=0.5)", "cycle_mul of timm.CosineLRScheduler: expected a finite number >= 1, but got 0.5 (timm fails with 'math domain error'")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, cycle_decay=1.5)", "cycle_decay of timm.CosineLRScheduler: expected a number in (0, 1], but got 1.5")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, cycle_limit=0)", "cycle_limit of timm.CosineLRScheduler: expected a whole number of cycles from 1")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, cycle_limit=2.5)", "cycle_limit of timm.CosineLRScheduler: expected an integer, but got 2.5")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, k_decay=0)", "k_decay of timm.CosineLRScheduler: expected a finite number > 0, but got 0")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, warmup_t=-1)", "warmup_t of timm.CosineLRScheduler: expected a finite number >= 0, but got -1")]
    [InlineData("timm.TanhLRScheduler(t_initial=10, warmup_t=2, warmup_lr_init=-0.1)", "warmup_lr_init of timm.TanhLRScheduler: expected a finite number >= 0, but got -0.1")]
    [InlineData("timm.TanhLRScheduler(t_initial=10, lb=3, ub=3)", "lb of timm.TanhLRScheduler: timm asserts lb < ub, but got lb=3.0, ub=3.0")]
    [InlineData("timm.CosineLRScheduler(t_initial=10, noise_range_t=[5, 10])", "noise_range_t of timm.CosineLRScheduler: noise draws from PyTorch's random generator")]
    [InlineData("timm.PlateauLRScheduler(noise_range_t=5)", "noise_range_t of timm.PlateauLRScheduler: noise draws from PyTorch's random generator")]
    [InlineData("timm.StepLRScheduler(decay_t=0)", "decay_t of timm.StepLRScheduler: expected a finite number > 0, but got 0")]
    [InlineData("timm.StepLRScheduler(decay_t=10, decay_rate=2)", "decay_rate of timm.StepLRScheduler: expected a number in (0, 1], but got 2")]
    [InlineData("timm.MultiStepLRScheduler(decay_t=[30, 10])", "decay_t of timm.MultiStepLRScheduler: expected finite milestones in increasing order, but got [30.0, 10.0]; timm's bisect assumes they are sorted")]
    [InlineData("timm.MultiStepLRScheduler(decay_t=30)", "decay_t of timm.MultiStepLRScheduler: expected a list of numbers, but got 30")]
    [InlineData("timm.PlateauLRScheduler(decay_rate=1.0)", "decay_rate of timm.PlateauLRScheduler: expected a number in (0, 1)")]
    [InlineData("timm.PlateauLRScheduler(warmup_t=2.5)", "warmup_t of timm.PlateauLRScheduler: expected an integer, but got 2.5")]
    [InlineData("timm.PlateauLRScheduler(mode='maximum')", "mode of timm.PlateauLRScheduler: expected one of 'min', 'max', but got 'maximum'")]
    [InlineData("timm.PlateauLRScheduler(lr_min=[0.0, -1])", "lr_min of timm.PlateauLRScheduler: expected finite rates >= 0, but got -1")]
    [InlineData("timm.PlateauLRScheduler(patience_t=-1)", "patience_t of timm.PlateauLRScheduler: expected a whole number from 0")]
    public void Bad_arguments_are_refused_with_one_line(string spec, string expected)
    {
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(spec));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decayed_peak_below_lr_min_is_refused_for_the_group_it_happens_in()
    {
        var definition = ScheduleSpec.Parse("timm.CosineLRScheduler(t_initial=10, lr_min=0.005, cycle_decay=0.5, cycle_limit=3)");
        Assert.Equal(0.025, definition.RateFor(0, 0.1).Evaluate(20), 15); // group 0: cycle 2 peaks at 0.025 > 0.005, fine
        var error = Assert.Throws<SpecException>(() => definition.RatesFor([0.1, 0.01]));
        Assert.Contains("the peak of cycle 2 (base rate 0.01 x cycle_decay^2 = 0.0025) is below lr_min=0.005 for parameter group 1, where timm would anneal upwards", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("lr_min of timm.TanhLRScheduler: 0.05 is above the base rate 0.01 of parameter group 0, which would anneal upwards", Assert.Throws<SpecException>(() => ScheduleSpec.Parse("timm.TanhLRScheduler(t_initial=10, lr_min=0.05)").RateFor(0, 0.01)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timm_specs_need_base_rates_so_they_do_not_nest_in_native_combinators()
    {
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.ParseSchedule("scale(schedule=timm.CosineLRScheduler(t_initial=10), factor=0.5)"));
        Assert.Contains("follows each group's base rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inert_noise_settings_and_flags_are_kept_in_the_canonical_text()
    {
        var definition = ScheduleSpec.Parse("timm.StepLRScheduler(decay_t=3, noise_range_t=None, noise_pct=0.5, noise_seed=7, initialize=True)");
        Assert.Equal("timm.StepLRScheduler(decay_t=3, noise_pct=0.5, noise_seed=7, initialize=True)", definition.Spec);
        Assert.Equal(ScheduleSpec.Parse("timm.StepLRScheduler(decay_t=3)").RateFor(0, 0.1), definition.RateFor(0, 0.1));
    }
}
