using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Specs;

/// <summary>
/// The bad-input catalogue of the spec language: every schedule parameter of the native and the torch. specs with
/// zero, negative, non-finite, too-large or wrongly typed values, growth below 1, floors above peaks, empty or
/// unsorted milestones, unknown names and parameters. Each must raise <see cref="SpecException"/> (nothing else)
/// with one line that names the parameter, says what was expected and says what to do.
/// </summary>
public class BadSpecCatalogTests
{
    /// <summary>Spec text, the parameter the message must name, and a fragment saying what was expected.</summary>
    public static TheoryData<string, string, string> Catalogue() => new()
    {
        // warm_restarts: every parameter.
        { "warm_restarts(peak=-0.1, first_cycle=10)", "peak", ">= 0" },
        { "warm_restarts(peak=1e999, first_cycle=10)", "1e999", "smaller value" },
        { "warm_restarts(peak=float('inf'), first_cycle=10)", "peak", "a number" },
        { "warm_restarts(peak='0.1', first_cycle=10)", "peak", "a number" },
        { "warm_restarts(peak=[0.1], first_cycle=10)", "peak", "a number" },
        { "warm_restarts(peak='0.1\\n0.2', first_cycle=10)", "peak", "a number" },
        { "'line one\\nline two'", "\\n", "schedule call" },
        { "warm_restarts(first_cycle=10)", "peak", "peak=" },
        { "warm_restarts(peak=0.1, floor=-1e-4, first_cycle=10)", "floor", ">= 0" },
        { "warm_restarts(peak=0.1, floor=0.2, first_cycle=10)", "floor", "<= peak" },
        { "warm_restarts(peak=0.1)", "first_cycle", "first_cycle=" },
        { "warm_restarts(peak=0.1, first_cycle=0)", "first_cycle", "> 0" },
        { "warm_restarts(peak=0.1, first_cycle=-5)", "first_cycle", "> 0" },
        { "warm_restarts(peak=0.1, first_cycle=1e300)", "first_cycle", "2^53" },
        { "warm_restarts(peak=0.1, first_cycle=None)", "first_cycle", "first_cycle=" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_growth=0.5)", "cycle_growth", ">= 1" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_growth=0)", "cycle_growth", ">= 1" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_growth=-2)", "cycle_growth", ">= 1" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_growth=1e308*10)", "'*'", "finite" },
        { "warm_restarts(peak=0.1, first_cycle=10, peak_decay=0)", "peak_decay", "(0, 1]" },
        { "warm_restarts(peak=0.1, first_cycle=10, peak_decay=2)", "peak_decay", "(0, 1]" },
        { "warm_restarts(peak=0.1, first_cycle=10, decay_mode='both')", "decay_mode", "'peak', 'amplitude'" },
        { "warm_restarts(peak=0.1, first_cycle=10, decay_mode=1)", "decay_mode", "a string" },
        { "warm_restarts(peak=0.1, first_cycle=10, floor_decay=-1)", "floor_decay", "(0, 1]" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_limit=0)", "cycle_limit", ">= 1" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_limit=2.5)", "cycle_limit", "integer" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_limit=10**12)", "cycle_limit", "at most" },
        { "warm_restarts(peak=0.1, first_cycle=10, warmup=-1)", "warmup", ">= 0" },
        { "warm_restarts(peak=0.1, first_cycle=10, warmup=10, warmup_mode='every_cycle')", "warmup", "shorter than first_cycle" },
        { "warm_restarts(peak=0.1, first_cycle=10, warmup_mode='always')", "warmup_mode", "'once', 'every_cycle'" },
        { "warm_restarts(peak=0.1, first_cycle=10, warmup=2, warmup_start=0.5)", "warmup_start", "<= peak" },
        { "warm_restarts(peak=0.1, first_cycle=10, warmup=2, warmup_start=-0.5)", "warmup_start", ">= 0" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape='cosin')", "shape", "cosine" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape=step_halving(halvings=0))", "halvings", ">= 1" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape=step_halving(halvings=10**10))", "halvings", "integer" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape=polynomial(power=-1))", "power", "> 0" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape=k_decay(k=0))", "k", "> 0" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape=spiral(k=1))", "shape", "step_halving" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape=3)", "shape", "a shape" },
        { "warm_restarts(peak=0.1, first_cycle=10, shape='exponential')", "floor", "> 0" },
        { "warm_restarts(peak=0.1, first_cycle=10, cycle_grow=2)", "cycle_grow", "cycle_growth" },
        { "warm_restarts(0.1, 0, 10, 2, 1, 'peak', 1, 3, 0, 'once', 0, 'cosine', 99)", "warm_restarts", "at most 12 positional" },
        { "warm_restarts(peak=0.1, peak=0.2, first_cycle=10)", "peak", "twice" },

        // The other native schedules.
        { "constant()", "value", "value=" },
        { "constant(value=-1)", "value", ">= 0" },
        { "step(initial=0.1, step_size=0, gamma=0.1)", "step_size", "> 0" },
        { "step(initial=0.1, step_size=30, gamma=0)", "gamma", "(0, 1]" },
        { "step(initial=0.1, step_size=30, gamma=1.5)", "gamma", "(0, 1]" },
        { "step(initial=-0.1, step_size=30, gamma=0.1)", "initial", ">= 0" },
        { "multi_step(initial=0.1, milestones=[], gamma=0.1)", "milestones", "at least one" },
        { "multi_step(initial=0.1, milestones=[-1, 30], gamma=0.1)", "milestones", ">= 0" },
        { "multi_step(initial=0.1, milestones=30, gamma=0.1)", "milestones", "a list of numbers" },
        { "multi_step(initial=0.1, milestones=['a'], gamma=0.1)", "milestones", "a list of numbers" },
        { "exponential(initial=0.1, decay_rate=0)", "decay_rate", "> 0" },
        { "exponential(initial=0.1, decay_rate=0.9, decay_length=0)", "decay_length", "> 0" },
        { "exponential(initial=0.1, decay_rate=0.9, end=-1)", "end", ">= 0" },
        { "exponential(initial=0.1, decay_rate=0.9, staircase=1)", "staircase", "True or False" },
        { "cosine_annealing(peak=0.1, length=0)", "length", "> 0" },
        { "cosine_annealing(peak=0.1, length=100, floor=-1)", "floor", ">= 0" },
        { "cosine_annealing(peak=0.1, length=100, floor=0.2)", "floor", "<= peak" },
        { "cosine_annealing(peak=0.1, length=100, exponent=0)", "exponent", "> 0" },
        { "linear(start=0.1, end=0, length=0)", "length", "> 0" },
        { "linear(start=-0.1, end=0, length=10)", "start", ">= 0" },
        { "linear(start=0.1, end=-0.1, length=10)", "end", ">= 0" },
        { "polynomial(start=0.1, end=0, length=10, power=0)", "power", "> 0" },
        { "polynomial(start=0.1, end=0, length=-10)", "length", "> 0" },
        { "inverse_time(initial=0.1, decay_rate=-1, decay_length=10)", "decay_rate", ">= 0" },
        { "inverse_time(initial=0.1, decay_rate=0.5, decay_length=0)", "decay_length", "> 0" },
        { "inverse_square_root(peak=0.1, timescale=0)", "timescale", "> 0" },
        { "piecewise_constant(boundaries=[10, 5], values=[0.1, 0.01, 0.001])", "boundaries", "strictly increasing" },
        { "piecewise_constant(boundaries=[10], values=[0.1])", "values", "one longer than boundaries" },
        { "piecewise_constant(boundaries=[10], values=[0.1, -1])", "values", ">= 0" },
        { "piecewise_linear(progress=[0, 10], values=[0.1])", "values", "one value per progress point" },
        { "piecewise_linear(progress=[10, 0], values=[0.1, 0.2])", "progress", "increasing" },
        { "piecewise_linear(progress=[], values=[])", "progress", "at least" },
        { "cyclic(base_rate=0.001, max_rate=0.01, step_size_up=0)", "step_size_up", "> 0" },
        { "cyclic(base_rate=0.001, max_rate=0.01, step_size_up=10, step_size_down=-1)", "step_size_down", "> 0" },
        { "cyclic(base_rate=0.001, max_rate=0.01, step_size_up=10, mode='sine')", "mode", "'triangular'" },
        { "cyclic(base_rate=0.001, max_rate=0.01, step_size_up=10, mode='exp_range', gamma=0)", "gamma", "(0, 1]" },
        { "one_cycle(max_rate=0.1, total=0)", "total", ">= 2" },
        { "one_cycle(max_rate=0.1, total=100, pct_start=1.5)", "pct_start", "(0, 1)" },
        { "one_cycle(max_rate=0.1, total=100, div_factor=0)", "div_factor", "> 0" },
        { "one_cycle(max_rate=0.1, total=100, final_div_factor=-1)", "final_div_factor", "> 0" },
        { "one_cycle(max_rate=0.1, total=100, anneal='cubic')", "anneal", "'cos', 'linear'" },
        { "warmup_stable_decay(peak=0.1, warmup=-1, stable=10, decay=10)", "warmup", ">= 0" },
        { "warmup_stable_decay(peak=0.1, warmup=1, stable=10, decay=10, floor=0.5)", "floor", "<= peak" },
        { "warmup(schedule=constant(value=0.1), length=0)", "length", "> 0" },
        { "warmup(schedule=torch.StepLR(step_size=3), length=5)", "schedule", "absolute rates" },
        { "warmup(length=5)", "schedule", "schedule=" },
        { "sequence(schedules=[constant(value=0.1)], boundaries=[10])", "schedules", "one more than boundaries" },
        { "sequence(schedules=[constant(value=0.1), constant(value=0.01)], boundaries=[-1])", "boundaries", "> 0" },
        { "sequence(schedules=[], boundaries=[])", "boundaries", "at least one boundary" },
        { "product(schedules=3)", "schedules", "a list" },
        { "scale(schedule=constant(value=0.1), factor=-2)", "factor", ">= 0" },
        { "clamp(schedule=constant(value=0.1), minimum=0.5, maximum=0.1)", "maximum", "minimum" },
        { "stretch(schedule=constant(value=0.1), factor=0)", "factor", "> 0" },

        // torch. specs: what PyTorch checks, and what it accepts silently but is wrong.
        { "torch.CosineAnnealingWarmRestarts(T_0=0)", "T_0", "positive integer" },
        { "torch.CosineAnnealingWarmRestarts(T_0=2.5)", "T_0", "positive integer" },
        { "torch.CosineAnnealingWarmRestarts(T_0=-10)", "T_0", "positive integer" },
        { "torch.CosineAnnealingWarmRestarts()", "T_0", "T_0=" },
        { "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=0)", "T_mult", ">= 1" },
        { "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=1.5)", "T_mult", "integer" },
        { "torch.CosineAnnealingWarmRestarts(T_0=10, eta_min=-1e-5)", "eta_min", ">= 0" },
        { "torch.CosineAnnealingWarmRestarts(T_0=10, eta_min=1.0)", "eta_min", "above the base rate" },
        { "torch.CosineAnnealingWarmRestarts(T_0=10, last_epoch=5)", "last_epoch", "resume" },
        { "torch.CosineAnnealingWarmRestarts(T_0=10, verbose=3)", "verbose", "True or False" },
        { "torch.CosineAnnealingWarmRestarts(T_0=10, T_mul=2)", "T_mul", "T_mult" },
        { "torch.CosineAnnealingLR()", "T_max", "T_max=" },
        { "torch.CosineAnnealingLR(T_max=0)", "T_max", "> 0" },
        { "torch.CosineAnnealingLR(T_max=-3)", "T_max", "> 0" },
        { "torch.CosineAnnealingLR(T_max='10')", "T_max", "a number" },
        { "torch.CosineAnnealingLR(T_max=10, eta_min=-0.1)", "eta_min", ">= 0" },
        { "torch.StepLR(step_size=0)", "step_size", "> 0" },
        { "torch.StepLR(step_size=30, gamma=0)", "gamma", "(0, 1]" },
        { "torch.StepLR(step_size=30, gamma=2)", "gamma", "(0, 1]" },
        { "torch.MultiStepLR(milestones=[])", "milestones", "at least one" },
        { "torch.MultiStepLR(milestones=[-5, 30])", "milestones", ">= 0" },
        { "torch.CosineAnnealingLR(T_max=10, eta_min=0.5)", "eta_min", "above the base rate" },
        { "torch.MultiStepLR(gamma=0.1)", "milestones", "milestones=" },
        { "torch.ExponentialLR()", "gamma", "gamma=" },
        { "torch.ExponentialLR(gamma=-0.5)", "gamma", "(0, 1]" },
        { "torch.ConstantLR(factor=1.5)", "factor", "between 0 and 1" },
        { "torch.ConstantLR(factor=0.5, total_iters=-1)", "total_iters", ">= 0" },
        { "torch.ConstantLR(factor=0.5, total_iters=2.5)", "total_iters", "integer" },
        { "torch.LinearLR(start_factor=0)", "start_factor", "greater than 0" },
        { "torch.LinearLR(end_factor=2)", "end_factor", "between 0 and 1" },
        { "torch.PolynomialLR(total_iters=-1)", "total_iters", ">= 0" },
        { "torch.PolynomialLR(total_iters=10, power=-1)", "power", ">= 0" },
        { "torch.CyclicLR(max_lr=0.1)", "base_lr", "base_lr=" },
        { "torch.CyclicLR(base_lr=0.001, max_lr=0.01, step_size_up=0)", "step_size_up", "> 0" },
        { "torch.CyclicLR(base_lr=0.001, max_lr=0.01, mode='foo')", "mode", "'triangular'" },
        { "torch.CyclicLR(base_lr=0.001, max_lr=0.01, scale_fn=f)", "scale_fn", "mode=" },
        { "torch.CyclicLR(base_lr=[0.001, 0.002], max_lr=[0.01])", "max_lr", "one per parameter group" },
        { "torch.CyclicLR(base_lr=[], max_lr=0.01)", "base_lr", "non-empty" },
        { "torch.CyclicLR(base_lr=[0.001, -0.001], max_lr=[0.01, 0.02])", "base_lr", ">= 0" },
        { "torch.CyclicLR(base_lr=0.001, max_lr=0.01, base_momentum=[0.8, -0.8], max_momentum=0.9)", "base_momentum", ">= 0" },
        { "torch.OneCycleLR(max_lr=[0.1, -0.1], total_steps=100)", "max_rate", ">= 0" },
        { "torch.OneCycleLR(max_lr=0.1)", "total_steps", "total_steps=" },
        { "torch.OneCycleLR(max_lr=0.1, total_steps=0)", "total_steps", "positive integer" },
        { "torch.OneCycleLR(max_lr=0.1, total_steps=-5)", "total_steps", "positive integer" },
        { "torch.OneCycleLR(max_lr=0.1, epochs=0, steps_per_epoch=10)", "epochs", "positive integer" },
        { "torch.OneCycleLR(max_lr=0.1, epochs=10, steps_per_epoch=-1)", "steps_per_epoch", "positive integer" },
        { "torch.OneCycleLR(max_lr=0.1, total_steps=100, pct_start=2)", "pct_start", "between 0 and 1" },
        { "torch.OneCycleLR(max_lr=0.1, total_steps=100, anneal_strategy='cubic')", "anneal_strategy", "'cos', 'linear'" },
        { "torch.OneCycleLR(max_lr=-0.1, total_steps=100)", "max_rate", ">= 0" },
        { "torch.OneCycleLR(max_lr=0.1, total_steps=100, div_factor=0)", "div_factor", "> 0" },
        { "torch.SequentialLR(schedulers=[torch.StepLR(step_size=3)], milestones=[5])", "milestones", "one more" },
        { "torch.SequentialLR(schedulers=[torch.StepLR(step_size=3), torch.StepLR(step_size=3), torch.StepLR(step_size=3)], milestones=[10, 5])", "milestones", "increasing" },
        { "torch.SequentialLR(schedulers=[], milestones=[])", "schedulers", "at least one" },
        { "torch.SequentialLR(schedulers=[constant(value=0.1), torch.StepLR(step_size=3)], milestones=[5])", "torch.SequentialLR", "torch.*" },
        { "torch.ChainedScheduler(schedulers=[torch.ReduceLROnPlateau()])", "torch.ReduceLROnPlateau", "on its own" },
        { "torch.ReduceLROnPlateau(factor=1.0)", "factor", "< 1.0" },
        { "torch.ReduceLROnPlateau(factor=-0.5)", "factor", "(0, 1)" },
        { "torch.ReduceLROnPlateau(patience=-1)", "patience", ">= 0" },
        { "torch.ReduceLROnPlateau(mode='maximum')", "mode", "'min', 'max'" },
        { "torch.ReduceLROnPlateau(threshold_mode='relative')", "threshold_mode", "'rel', 'abs'" },
        { "torch.ReduceLROnPlateau(min_lr=-1)", "min", ">= 0" },
        { "torch.ReduceLROnPlateau(cooldown=-2)", "cooldown", ">= 0" },
        { "torch.ReduceLROnPlateau(threshold=-1)", "threshold", ">= 0" },
        { "torch.ReduceLROnPlateau(eps=-1)", "eps", ">= 0" },
        { "torch.LambdaLR(lr_lambda=f)", "torch.LambdaLR", "native schedule" },

        // Names, syntax, types.
        { "warm_restart(peak=0.1, first_cycle=10)", "warm_restart", "warm_restarts" },
        { "torch.CosineAnnealingWarmRestart(T_0=10)", "torch.CosineAnnealingWarmRestart", "torch.CosineAnnealingWarmRestarts" },
        { "0.1", "0.1", "schedule call" },
        { "warm_restarts", "warm_restarts", "schedule call" },
        { "", "empty", "warm_restarts(" },
        { "warm_restarts(peak=0.1, first_cycle=10", "close", "')'" },
        { "warm_restarts(peak=0.1,, first_cycle=10)", "','", "extra comma" },
        { "warm_restarts(peak=0.1 first_cycle=10)", "'f'", "comma" },
        { "warm_restarts(peak=0.1, first_cycle=10) extra", "'e'", "remove" },
        { "warm_restarts(peak=0.1, first_cycle=10/0)", "division by zero", "divisor" },
        { "warm_restarts(peak='0.1, first_cycle=10)", "string", "end it" },
        { "warm_restarts(peak=0.1, first_cycle=10, 2)", "positional argument after keyword", "name it" },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Each_bad_spec_raises_one_line_naming_the_parameter_what_was_expected_and_what_to_do(string spec, string parameter, string expected)
    {
        // Torch specs scale from the optimizer's base rates: some checks need them, so bind one group too.
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(spec).RatesFor([0.1]));
        AssertGoodMessage(error, parameter, expected);
    }

    [Theory]
    [InlineData("multi_step(initial=0.1, milestones=[60, 30, 60], gamma=0.1)", "multi_step(initial=0.1, milestones=[30, 60, 60], gamma=0.1)")]
    [InlineData("torch.MultiStepLR(milestones=[80, 30])", "torch.MultiStepLR(milestones=[30, 80])")]
    public void Milestones_are_a_multiset_as_in_PyTorch_so_their_order_does_not_matter(string unsorted, string sorted)
    {
        var a = ScheduleSpec.Parse(unsorted).RateFor(0, 0.1);
        var b = ScheduleSpec.Parse(sorted).RateFor(0, 0.1);
        foreach (var t in new[] { 0.0, 29.5, 30, 59, 60, 61, 79, 80, 1e6 })
        {
            Assert.Equal(b.Evaluate(t), a.Evaluate(t));
        }
    }

    [Theory]
    [InlineData("warm_restarts(peak=0, first_cycle=10)")]
    [InlineData("constant(value=0)")]
    [InlineData("torch.StepLR(step_size=3)")]
    public void A_zero_rate_is_allowed_it_freezes_a_parameter_group(string spec)
    {
        var schedule = ScheduleSpec.Parse(spec).RateFor(0, 0.0);
        Assert.Equal(0.0, schedule.Evaluate(0));
        Assert.Equal(0.0, schedule.Evaluate(1e9));
    }

    internal static void AssertGoodMessage(Exception error, string parameter, string expected)
    {
        var message = error.Message;
        Assert.True(!message.Contains('\n', StringComparison.Ordinal) && !message.Contains('\r', StringComparison.Ordinal), $"more than one line: {message}");
        Assert.True(message.Contains(parameter, StringComparison.Ordinal), $"'{parameter}' not named in: {message}");
        Assert.True(message.Contains(expected, StringComparison.Ordinal), $"'{expected}' (what was expected) not in: {message}");

        // What to do: a clause after the diagnosis ("…; give …", "…; did you mean …", "…; add …").
        Assert.True(HasAdvice(message), $"no advice (what to do) in: {message}");
    }

    private static bool HasAdvice(string message)
    {
        var semicolon = message.LastIndexOf("; ", StringComparison.Ordinal);
        return semicolon > 0 && message.Length - semicolon > 6;
    }
}
