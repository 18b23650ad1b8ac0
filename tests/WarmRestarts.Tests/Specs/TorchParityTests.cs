using System.Text.Json;
using WarmRestarts.Scheduling;
using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Specs;

/// <summary>
/// The <c>torch.</c> specs against vectors produced by running PyTorch 1.13 itself (Data/torch_parity.json, written by
/// tools/parity/torch_vectors.py; see Data/README.md): every value to 1e-12 relative, under PyTorch's own stepping
/// (the value right after construction, then after each <c>step()</c>, <c>step(epoch)</c> or <c>step(metric)</c>).
/// </summary>
/// <remarks>
/// The one value difference by design: where PyTorch's <c>step(epoch)</c> closed form misplaces an exact restart
/// (<c>math.log(243, 3) = 4.999999999999999</c>, so <c>T_0=1, T_mult=3</c> at epoch 121 gives <c>eta_min</c>), the
/// library gives the restart peak. The generator flags those points from PyTorch's own state
/// (<c>T_cur &gt;= T_i</c> after the step), and the test asserts both sides of the difference there. A few
/// combinations PyTorch runs are refused instead (<see cref="RefusedByDesign"/>); docs/torch-parity.md lists all.
/// </remarks>
public class TorchParityTests
{
    /// <summary>
    /// Relative tolerance of the parity (the 1e-12). No absolute slack is needed: where PyTorch gives exactly 0
    /// (CosineAnnealingLR's bottoms, PolynomialLR at total_iters) the library gives exactly 0 too.
    /// </summary>
    private const double Relative = 1e-12;

    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "torch_parity.json"))).RootElement);

    private static IEnumerable<JsonElement> Cases => Root.Value.GetProperty("cases").EnumerateArray();

    private static IEnumerable<JsonElement> Rejections => Root.Value.GetProperty("rejections").EnumerateArray();

    public static TheoryData<string> CaseIds() => Ids(Cases);

    public static TheoryData<string> RejectionIds() => Ids(Rejections);

    [Fact]
    public void Vectors_come_from_pytorch_1_13_and_cover_every_torch_name()
    {
        Assert.StartsWith("1.13", Root.Value.GetProperty("torch_version").GetString(), StringComparison.Ordinal);
        var names = new[]
        {
            "CosineAnnealingWarmRestarts", "CosineAnnealingLR", "StepLR", "MultiStepLR", "ExponentialLR", "LinearLR", "ConstantLR",
            "PolynomialLR", "CyclicLR", "OneCycleLR", "SequentialLR", "ChainedScheduler", "ReduceLROnPlateau",
        };
        foreach (var name in names)
        {
            Assert.Contains(Cases, c => c.GetProperty("spec").GetString()!.StartsWith("torch." + name + "(", StringComparison.Ordinal));
            Assert.Contains(Rejections, c => c.GetProperty("spec").GetString()!.StartsWith("torch." + name + "(", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Cases PyTorch runs but the spec refuses by design (with the parameter its message names): there PyTorch's numbers
    /// depend on which scheduler was constructed when (OneCycleLR rewrites every group's initial_lr; CyclicLR resets the
    /// rate from its own base_lr; a nested SequentialLR loses its first factor), which a spec of one combined schedule
    /// should neither silently reproduce nor approximate.
    /// </summary>
    private static readonly Dictionary<string, string> RefusedByDesign = new()
    {
        ["sequential_constant_onecycle"] = "schedulers",
        ["chained_cyclic_exponential"] = "schedulers",
        ["sequential_nested_first"] = "schedulers",
    };

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Spec_gives_the_values_pytorch_gives(string id)
    {
        var entry = Find(Cases, id);
        if (RefusedByDesign.TryGetValue(id, out var parameter))
        {
            var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(entry.GetProperty("spec").GetString()!));
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains(parameter + " of torch.", error.Message, StringComparison.Ordinal);
            return;
        }

        var definition = ScheduleSpec.Parse(entry.GetProperty("spec").GetString()!);
        var baseRates = Doubles(entry.GetProperty("base_lrs"));
        var expected = Rows(entry.GetProperty("lrs"));
        var actual = Evaluate(definition, baseRates, entry);
        var misplaced = entry.TryGetProperty("upstream_misplaced_restarts", out var flagged) ? [.. flagged.EnumerateArray().Select(e => e.GetInt32())] : new HashSet<int>();
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            for (var g = 0; g < baseRates.Length; g++)
            {
                if (misplaced.Contains(k))
                {
                    // By design: PyTorch puts this exact restart at the end of the previous cycle (eta_min); the library restarts (the peak: the base rate).
                    Assert.Equal(entry.GetProperty("eta_min").GetDouble(), expected[k][g]);
                    AssertClose(baseRates[g], actual[k][g], $"{id}: exact restart at point {k} group {g}");
                    continue;
                }

                AssertClose(expected[k][g], actual[k][g], $"{id} {definition.Spec}: point {k} group {g}");
            }
        }

        if (entry.TryGetProperty("momentum", out var momentumRows))
        {
            var momentum = Rows(momentumRows);
            for (var g = 0; g < baseRates.Length; g++)
            {
                // The SGD optimizer was made with momentum 0.9, which PyTorch leaves alone without cycle_momentum.
                var schedule = definition.MomentumFor(g, baseRates[g]);
                for (var k = 0; k < momentum.Length; k++)
                {
                    AssertClose(momentum[k][g], schedule?.Evaluate(k) ?? 0.9, $"{id}: momentum point {k} group {g}");
                }
            }
        }
    }

    [Fact]
    public void The_misplaced_restart_difference_is_exactly_where_the_log_rounds_down()
    {
        // math.log(243, 3) == 4.999999999999999 in PyTorch's float64; the library's exact restart does not depend on it.
        Assert.Equal(4.999999999999999, Math.Log(243) / Math.Log(3));
        var epochs = Find(Cases, "cawr_T0_1_mult_3_epochs");
        Assert.Equal([121], epochs.GetProperty("upstream_misplaced_restarts").EnumerateArray().Select(e => (int)Doubles(epochs.GetProperty("at"))[e.GetInt32()]));
        var fractional = Find(Cases, "cawr_T0_1_mult_3_fractional");
        Assert.Equal([121.0], fractional.GetProperty("upstream_misplaced_restarts").EnumerateArray().Select(e => Doubles(fractional.GetProperty("at"))[e.GetInt32()]));

        // Plain step() counts restarts exactly upstream too, and agrees with the library at 121.
        var stepped = Find(Cases, "cawr_T0_1_mult_3_step");
        Assert.False(stepped.TryGetProperty("upstream_misplaced_restarts", out _));
        Assert.Equal(0.1, Rows(stepped.GetProperty("lrs"))[121][0]);
    }

    [Theory]
    [MemberData(nameof(RejectionIds))]
    public void Spec_rejects_what_pytorch_rejects_at_construction(string id)
    {
        var entry = Find(Rejections, id);
        var spec = entry.GetProperty("spec").GetString()!;
        var parameter = entry.GetProperty("parameter").GetString()!;
        var baseRates = Doubles(entry.GetProperty("base_lrs"));
        var upstream = entry.GetProperty("upstream");
        if (upstream.GetProperty("message").GetString()!.StartsWith("Tried to step", StringComparison.Ordinal) && parameter == "total_steps")
        {
            // OneCycleLR raises on the step after total_steps, which a spec cannot see coming: the definition knows its
            // last point and refuses longer runs (CLI, Trainer) when they are set up.
            var failingStep = int.Parse(upstream.GetProperty("when").GetString()!["step ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(failingStep, ScheduleSpec.Parse(spec).StepLimit);
            return;
        }

        var error = Assert.ThrowsAny<SpecException>(() => ScheduleSpec.Parse(spec).RatesFor(baseRates));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("long_chained_warmup_cosine_eta", false)]
    [InlineData("long_chained_cosine_eta_settles", false)]
    [InlineData("chained_cosine_eta_exponential", true)]
    [InlineData("long_chained_warmup_cosine", false)]
    [InlineData("chained_cosine_past_T_max", false)]
    [InlineData("chained_exponential_cawr", false)]
    [InlineData("chained_three", false)]
    public void Chains_without_a_closed_form_limit_their_runs(string id, bool recursive)
    {
        // CosineAnnealingLR(eta_min > 0) chained with schedulers that never stop changing the rate (ExponentialLR) has no
        // closed form: evaluated step by step, so runs are bounded. Next to a warm-up that ends it is closed after the end.
        var definition = ScheduleSpec.Parse(Find(Cases, id).GetProperty("spec").GetString()!);
        Assert.Equal(recursive ? TorchChainSchedule.RecursionLimit + 1 : null, definition.StepLimit);
        var schedule = definition.RateFor(0, 0.1);
        Assert.True(double.IsFinite(schedule.Evaluate(TorchChainSchedule.RecursionLimit)));
        Assert.True(double.IsFinite(schedule.Evaluate(Schedule.MaxProgress)));
    }

    [Theory]
    [InlineData("torch.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3)", "torch.ExponentialLR(gamma=0.9)")]
    [InlineData("torch.OneCycleLR(max_lr=0.1, total_steps=10)", "torch.ConstantLR()")]
    [InlineData("torch.SequentialLR(schedulers=[torch.ConstantLR(), torch.StepLR(step_size=2)], milestones=[3])", "torch.ExponentialLR(gamma=0.9)")]
    public void Chains_of_schedulers_with_their_own_state_are_refused_by_design(string stateful, string other)
    {
        // PyTorch runs these, but CyclicLR/OneCycleLR reset the rate from their own base_lr and SequentialLR from initial_lr,
        // in ways that depend on construction order; the spec refuses them instead of giving other numbers.
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse($"torch.ChainedScheduler(schedulers=[{other}, {stateful}])"));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("schedulers of torch.ChainedScheduler", error.Message, StringComparison.Ordinal);
        Assert.Contains(stateful[..stateful.IndexOf('(', StringComparison.Ordinal)], error.Message, StringComparison.Ordinal);

        // Alone in a chain it is what it is unchained.
        var alone = ScheduleSpec.Parse($"torch.ChainedScheduler(schedulers=[{stateful}])").RateFor(0, 0.1);
        var unchained = ScheduleSpec.Parse(stateful).RateFor(0, 0.1);
        Assert.All(Enumerable.Range(0, 11), t => Assert.Equal(unchained.Evaluate(t), alone.Evaluate(t)));
    }

    [Fact]
    public void After_a_first_CyclicLR_the_later_schedulers_do_not_depend_on_the_optimizer()
    {
        // PyTorch: CyclicLR sets initial_lr to its own base_lr, and ExponentialLR starts from there at the milestone.
        var definition = ScheduleSpec.Parse(Find(Cases, "sequential_cyclic_then_exponential").GetProperty("spec").GetString()!);
        Assert.False(definition.UsesBaseRates);
        Assert.Equal(definition.RateFor(0, 0.1).Evaluate(9), definition.RateFor(0, 7.0).Evaluate(9));
    }

    private static double[][] Evaluate(ScheduleDefinition definition, double[] baseRates, JsonElement entry)
    {
        var schedules = definition.RatesFor(baseRates);
        if (entry.GetProperty("stepping").GetString() == "metrics")
        {
            var groups = new ParameterGroups(baseRates);
            var scheduler = new GroupScheduler(groups, schedules, TrainingClock.Steps, new GroupSchedulerOptions { Plateau = definition.Plateau });
            var rows = new List<double[]> { scheduler.Rates.ToArray() };
            foreach (var metric in Doubles(entry.GetProperty("metrics")))
            {
                scheduler.ReportMetric(metric);
                rows.Add([.. scheduler.Rates]);
            }

            return [.. rows];
        }

        var points = Doubles(entry.GetProperty("at"));
        if (definition.StepLimit is { } limit)
        {
            Assert.True(points.Length <= limit, $"{definition.Spec}: {points.Length} points but a step limit of {limit}");
        }

        return [.. points.Select(t => schedules.Select(s => s.Evaluate(t)).ToArray())];
    }

    private static void AssertClose(double expected, double actual, string where)
    {
        Assert.True(Math.Abs(actual - expected) <= Relative * Math.Abs(expected), $"{where}: expected {expected:R}, got {actual:R} (difference {actual - expected:R})");
    }

    private static TheoryData<string> Ids(IEnumerable<JsonElement> entries)
    {
        var data = new TheoryData<string>();
        foreach (var entry in entries)
        {
            data.Add(entry.GetProperty("id").GetString()!);
        }

        return data;
    }

    private static JsonElement Find(IEnumerable<JsonElement> entries, string id) => entries.Single(e => e.GetProperty("id").GetString() == id);

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static double[][] Rows(JsonElement array) => [.. array.EnumerateArray().Select(Doubles)];
}
