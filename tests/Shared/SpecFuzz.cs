using System.Globalization;
using System.Text;
using CsCheck;
using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Fuzzing;

/// <summary>
/// Spec texts for fuzzing: valid specs from the catalogue of names, mutated (characters inserted, deleted and
/// replaced, tokens swapped, huge numbers and deep nesting spliced in) or random. Shared by the core and CLI tests.
/// </summary>
internal static class SpecFuzz
{
    /// <summary>The environment variable that sets the iteration count of the long (opt-in) fuzz runs.</summary>
    public const string IterationsVariable = "WARMRESTARTS_FUZZ_ITERATIONS";

    /// <summary>How long one case may take before it counts as a hang (generous: the machine is shared).</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Valid specs, at least one per native and torch. name, with composites.</summary>
    public static readonly string[] Valid =
    [
        "warm_restarts(peak=0.1, floor=0.0001, first_cycle=10, cycle_growth=2)",
        "warm_restarts(peak=0.1, floor=1e-5, first_cycle=5, cycle_growth=1.5, peak_decay=0.7, decay_mode='amplitude', floor_decay=0.9, cycle_limit=4, warmup=2, warmup_mode='every_cycle', warmup_start=0.001, shape=k_decay(k=2))",
        "warm_restarts(peak=0.1, floor=1e-4, first_cycle=3, shape=step_halving(halvings=3))",
        "warm_restarts(peak=0.1, floor=1e-4, first_cycle=3, shape='exponential')",
        "warm_restarts(peak=0.1, first_cycle=0.5, shape=polynomial(power=2.0))",
        "constant(value=0.1)",
        "step(initial=0.1, step_size=30, gamma=0.1)",
        "multi_step(initial=0.1, milestones=[30, 60, 60], gamma=0.5)",
        "exponential(initial=0.1, decay_rate=0.95, decay_length=3, staircase=True, end=1e-6)",
        "cosine_annealing(peak=0.1, floor=0.001, length=100, exponent=2, periodic=True)",
        "linear(start=0.0, end=0.1, length=10)",
        "polynomial(start=0.1, end=0.0, length=100, power=0.5)",
        "inverse_time(initial=0.1, decay_rate=0.5, decay_length=10, staircase=True)",
        "inverse_square_root(peak=0.001, timescale=4000)",
        "piecewise_constant(boundaries=[10, 20], values=[0.1, 0.01, 0.001], inclusive_boundaries=True)",
        "piecewise_linear(progress=[0, 5, 100], values=[0.0, 0.1, 0.0])",
        "cyclic(base_rate=0.001, max_rate=0.006, step_size_up=4, step_size_down=7, mode='exp_range', gamma=0.999)",
        "one_cycle(max_rate=0.1, total=100, pct_start=0.25, anneal='linear', three_phase=True, extrapolate=True)",
        "one_cycle_momentum(base_momentum=0.85, max_momentum=0.95, total=100)",
        "warmup_stable_decay(peak=0.01, warmup=10, stable=80, decay=10, floor=0.0001, decay_shape='cosine')",
        "warmup(schedule=cosine_annealing(peak=0.1, length=100), length=5, start=0.0)",
        "sequence(schedules=[linear(start=0, end=0.1, length=5), warm_restarts(peak=0.1, first_cycle=10)], boundaries=[5], restart_clock=True)",
        "product(schedules=[exponential(initial=1.0, decay_rate=0.99), warm_restarts(peak=0.1, first_cycle=10)])",
        "scale(schedule=constant(value=0.1), factor=0.5)",
        "clamp(schedule=warm_restarts(peak=0.1, first_cycle=10), minimum=0.01, maximum=0.08)",
        "stretch(schedule=warm_restarts(peak=0.1, first_cycle=10), factor=469)",
        "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.0001)",
        "scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=1, T_mult=3)",
        "torch.CosineAnnealingLR(T_max=50, eta_min=0.001)",
        "torch.StepLR(step_size=30, gamma=0.1)",
        "torch.MultiStepLR(milestones=[30, 80], gamma=0.1)",
        "torch.ExponentialLR(gamma=0.95)",
        "torch.ConstantLR(factor=0.5, total_iters=4)",
        "torch.LinearLR(start_factor=0.1, end_factor=1.0, total_iters=5)",
        "torch.PolynomialLR(total_iters=10, power=2.0)",
        "torch.CyclicLR(base_lr=[0.001, 0.002], max_lr=[0.01, 0.02], step_size_up=5, mode='triangular2')",
        "torch.OneCycleLR(max_lr=0.1, total_steps=100, three_phase=True)",
        "torch.OneCycleLR(max_lr=0.1, epochs=10, steps_per_epoch=10, anneal_strategy='linear')",
        "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.1, total_iters=5), torch.CosineAnnealingWarmRestarts(T_0=10)], milestones=[5])",
        "torch.ChainedScheduler(schedulers=[torch.ConstantLR(factor=0.5, total_iters=3), torch.ExponentialLR(gamma=0.9)])",
        "torch.ReduceLROnPlateau(mode='max', factor=0.5, patience=2, threshold=0.01, threshold_mode='abs', cooldown=1, min_lr=1e-5)",
    ];

    private static readonly string[] Splices =
    [
        "1e308", "1e309", "-1e308", "9999999999999999999999999999999", "2**1023", "2**1024", "10**400", "1/3", "0.0", "-0",
        "1_000_000", "9007199254740993", "1e-320", "nan", "inf", "float('inf')", "None", "True", "'cosine'", "[]", "()", "{}",
        "[1, 2, 3]", "{1: 2}", "x.y", "=", ",", "(", ")", "[", "]", "**", "//", "%", "\\", "'", "\"", "\n", "\t", "\u00e9", "\u0000",
        "T_0=", "peak=", "first_cycle=", "milestones=", "schedule=", "schedules=[", "shape=", "last_epoch=5",
    ];

    private static readonly Gen<char> Character = Gen.Frequency(
        (8, Gen.Char["abcdefghijklmnopqrstuvwxyzTABCDEFGHIJKLMNOPQRSTUVWXYZ_"]),
        (4, Gen.Char["0123456789.eE+-"]),
        (4, Gen.Char["()[]{},=:'\" */%\\"]),
        (1, Gen.Char));

    /// <summary>Short random text from the spec alphabet.</summary>
    public static readonly Gen<string> RandomText = Gen.String[Character, 0, 80];

    /// <summary>A valid spec with 1 to 6 mutations applied.</summary>
    public static readonly Gen<string> Mutated =
        from seed in Gen.Int[0, Valid.Length - 1]
        from mutations in Gen.Int[1, 6]
        from choices in Gen.Int[0, int.MaxValue].Array[mutations * 4]
        select Mutate(Valid[seed], choices);

    /// <summary>Mutated specs mostly, random text sometimes.</summary>
    public static readonly Gen<string> Any = Gen.Frequency((6, Mutated), (1, RandomText), (1, Gen.Int[0, Valid.Length - 1].Select(i => Valid[i])));

    /// <summary>Inputs that nest far deeper than the parser accepts, or are very long.</summary>
    public static IEnumerable<string> Deep()
    {
        const int n = 10_000;
        yield return new string('(', n) + "1" + new string(')', n);
        yield return new string('[', n) + new string(']', n);
        yield return new string('{', n);
        yield return string.Concat(Enumerable.Repeat("f(", n)) + string.Concat(Enumerable.Repeat(")", n));
        yield return "warm_restarts(peak=" + new string('(', n) + "0.1" + new string(')', n) + ", first_cycle=10)";
        yield return "warm_restarts(peak=" + new string('-', n) + "0.1, first_cycle=10)";
        yield return "warm_restarts(peak=0.1, first_cycle=" + string.Concat(Enumerable.Repeat("2**", n)) + "1)";
        yield return "warm_restarts(peak=0.1, first_cycle=" + string.Join("+", Enumerable.Repeat("1", n)) + ")";
        yield return string.Concat(Enumerable.Repeat("warmup(schedule=", n)) + "constant(value=0.1)" + string.Concat(Enumerable.Repeat(", length=1)", n));
        yield return string.Concat(Enumerable.Repeat("torch.SequentialLR(schedulers=[", 200)) + "torch.StepLR(step_size=3)" + string.Concat(Enumerable.Repeat("], milestones=[])", 200));
        yield return "constant(value=" + new string('9', 100_000) + ")";
        yield return "multi_step(initial=0.1, milestones=[" + string.Join(", ", Enumerable.Range(0, 100_000)) + "], gamma=0.5)";
        yield return "constant(value=0.1)" + new string(' ', SpecParser.MaxLength);
        yield return "'" + new string('a', 100_000);
    }

    /// <summary>Progress points every accepted schedule must give finite values at.</summary>
    public static readonly double[] Progress =
    [
        0, 1e-300, 0.5, 1, 1.5, 2.999999999, 3, 7.25, 10, 99.5, 1e3, 12345.678, 1e6 + 0.5, 2147483648, 1e12, 4503599627370496.5,
        9007199254740992, 1e300, double.MaxValue, double.PositiveInfinity, -1, double.NaN,
    ];

    /// <summary>The long-run iteration count from <see cref="IterationsVariable"/>, or the CI default.</summary>
    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ciDefault;

    /// <summary>Runs <paramref name="action"/> on a thread with a 1 MB stack and fails if it takes longer than <see cref="CaseTimeout"/>.</summary>
    public static void Bounded(string input, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception error)
                {
                    failure = error;
                }
            },
            maxStackSize: 1 << 20) { IsBackground = true };
        thread.Start();
        if (!thread.Join(CaseTimeout))
        {
            throw new TimeoutException($"no answer within {CaseTimeout.TotalSeconds} s for input ({input.Length} chars): {Head(input)}");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"input ({input.Length} chars) {Head(input)} failed: {failure.GetType().Name}: {failure.Message}", failure);
        }
    }

    /// <summary>The first 200 characters of an input, for failure messages.</summary>
    public static string Head(string input) => input.Length <= 200 ? input : input[..200] + "…";

    private static string Mutate(string spec, int[] choices)
    {
        var text = new StringBuilder(spec);
        for (var i = 0; i + 3 < choices.Length; i += 4)
        {
            var kind = choices[i] % 8;
            var at = text.Length == 0 ? 0 : choices[i + 1] % (text.Length + 1);
            var other = choices[i + 2];
            var length = 1 + (choices[i + 3] % 12);
            switch (kind)
            {
                case 0:
                    text.Insert(at, Valid[other % Valid.Length][other % Math.Max(1, Valid[other % Valid.Length].Length)]);
                    break;
                case 1 when text.Length > 0:
                    text.Remove(Math.Min(at, text.Length - 1), Math.Min(length, text.Length - Math.Min(at, text.Length - 1)));
                    break;
                case 2 when at < text.Length:
                    text[at] = "()[],=.'0123456789-eE_ax"[other % 24];
                    break;
                case 3:
                    text.Insert(at, Splices[other % Splices.Length]);
                    break;
                case 4:
                    var names = ScheduleSpec.Names;
                    text.Insert(at, names[other % names.Count] + "(");
                    break;
                case 5:
                    SwapTokens(text, other, choices[i + 3]);
                    break;
                case 6 when text.Length > 0:
                    var start = Math.Min(at, text.Length - 1);
                    text.Insert(start, text.ToString(start, Math.Min(length * 4, text.Length - start)));
                    break;
                default:
                    text.Insert(at, string.Concat(Enumerable.Repeat("(", 1 + (other % 100))));
                    break;
            }
        }

        return text.ToString();
    }

    private static void SwapTokens(StringBuilder text, int first, int second)
    {
        var tokens = System.Text.RegularExpressions.Regex.Split(text.ToString(), @"([(),=\[\]\s])").Where(t => t.Length > 0).ToList();
        if (tokens.Count < 2)
        {
            return;
        }

        var a = first % tokens.Count;
        var b = second % tokens.Count;
        (tokens[a], tokens[b]) = (tokens[b], tokens[a]);
        text.Clear().Append(string.Concat(tokens));
    }
}
