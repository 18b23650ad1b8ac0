using System.Globalization;
using System.Text.Json;
using WarmRestarts.Specs;

namespace WarmRestarts.Tests.Specs;

/// <summary>
/// The keras. and optax. names against values produced by the upstream source itself (Data/keras_optax_vectors.json:
/// keras-team/keras learning_rate_schedule.py and google-deepmind/optax _schedule.py/_join.py run in float64 with a
/// NumPy backend, see Data/README.md), to 1e-12 relative; plus what the upstream rejects and what it accepts wrongly.
/// </summary>
public class KerasOptaxParityTests
{
    private const double RelativeTolerance = 1e-12;

    private static readonly Lazy<JsonElement> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "keras_optax_vectors.json"))).RootElement);

    public static TheoryData<string> Cases() => Ids("cases");

    public static TheoryData<string> Errors() => Ids("errors");

    public static TheoryData<string> AcceptedButWrong() => Ids("accepted_but_wrong");

    [Fact]
    public void Every_keras_and_optax_name_has_vectors()
    {
        var specs = Vectors.Value.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("spec").GetString()!).ToList();
        string[] names =
        [
            "keras.CosineDecayRestarts", "keras.CosineDecay", "keras.ExponentialDecay", "keras.PiecewiseConstantDecay", "keras.PolynomialDecay", "keras.InverseTimeDecay",
            "optax.sgdr_schedule", "optax.cosine_decay_schedule", "optax.warmup_cosine_decay_schedule", "optax.cosine_onecycle_schedule", "optax.linear_onecycle_schedule",
            "optax.join_schedules", "optax.piecewise_constant_schedule", "optax.exponential_decay", "optax.polynomial_schedule", "optax.linear_schedule",
        ];
        foreach (var name in names)
        {
            Assert.Contains(name, ScheduleSpec.Names);
            Assert.Contains(specs, s => s.StartsWith(name + "(", StringComparison.Ordinal));
        }

        Assert.Equal(names.Length + 1, ScheduleSpec.Names.Count(n => n.StartsWith("keras.", StringComparison.Ordinal) || n.StartsWith("optax.", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_match_the_upstream(string id)
    {
        var entry = Find("cases", id);
        var definition = ScheduleSpec.Parse(entry.GetProperty("spec").GetString()!);
        Assert.Equal(id.StartsWith("keras", StringComparison.Ordinal) ? SpecOrigin.Keras : SpecOrigin.Optax, definition.Origin);
        Assert.Equal(ProgressUnit.Steps, definition.Unit);
        Assert.False(definition.UsesBaseRates);
        var schedule = definition.RateFor(0, 0.1);
        Assert.Same(schedule, definition.RateFor(3, 7.0)); // absolute rates: every group, any base rate

        var misplaced = entry.TryGetProperty("upstream_misplaced_restarts", out var m)
            ? m.EnumerateArray().ToDictionary(e => e.GetProperty("at").GetDouble())
            : [];
        var at = Numbers(entry.GetProperty("at"));
        var expected = Numbers(entry.GetProperty("values"));
        Assert.Equal(at.Length, expected.Length);
        for (var i = 0; i < at.Length; i++)
        {
            var actual = schedule.Evaluate(at[i]);
            if (misplaced.TryGetValue(at[i], out var restart))
            {
                // The documented exception: the upstream's log puts this exact restart in the previous cycle (its floor);
                // here the restart gives the cycle's peak.
                Assert.True(schedule.TryGetCycle(at[i], out var cycle) && cycle.Position == 0 && cycle.Index > 0, $"{id}: t={at[i]} is not an exact restart");
                Assert.Equal(restart.GetProperty("upstream").GetDouble(), expected[i]);
                AssertClose(restart.GetProperty("exact_restart_peak").GetDouble(), actual, $"{id} at exact restart t={at[i]}");
                continue;
            }

            AssertClose(expected[i], actual, $"{id} at t={at[i].ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    [Fact]
    public void The_only_misplaced_restart_is_the_documented_one()
    {
        var misplaced = Vectors.Value.GetProperty("cases").EnumerateArray()
            .Where(c => c.TryGetProperty("upstream_misplaced_restarts", out _))
            .SelectMany(c => c.GetProperty("upstream_misplaced_restarts").EnumerateArray().Select(r => (Id: c.GetProperty("id").GetString(), At: r.GetProperty("at").GetDouble())))
            .ToList();
        Assert.Equal([("keras_sgdr_t3", 121.0)], misplaced);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Canonical_spec_round_trips(string id)
    {
        var spec = Find("cases", id).GetProperty("spec").GetString()!;
        var definition = ScheduleSpec.Parse(spec);
        var again = ScheduleSpec.Parse(definition.Spec);
        Assert.Equal(definition.Spec, again.Spec);
        Assert.Equal(definition, again);
        Assert.StartsWith(spec[..spec.IndexOf('(', StringComparison.Ordinal)], definition.Spec, StringComparison.Ordinal);
        var first = definition.RateFor(0, 0.1);
        var second = again.RateFor(0, 0.1);
        Assert.Equal(first, second);
        foreach (var t in Numbers(Find("cases", id).GetProperty("at")))
        {
            Assert.Equal(first.Evaluate(t), second.Evaluate(t));
        }

        // The schedule it builds is native and prints a native spec that parses back to an equal schedule.
        Assert.Equal(first, ScheduleSpec.ParseSchedule(first.ToString()));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void What_the_upstream_rejects_is_rejected_at_construction(string id) =>
        Assert.True(Rejected("errors", id).Position >= 0);

    [Theory]
    [MemberData(nameof(AcceptedButWrong))]
    public void What_the_upstream_accepts_wrongly_is_rejected_with_the_reason(string id) =>
        Assert.Contains("accept", Rejected("accepted_but_wrong", id).Message, StringComparison.Ordinal); // says that the upstream takes it, and why it is wrong

    [Fact]
    public void Shrinking_keras_cycles_really_give_nan_upstream()
    {
        var values = Find("accepted_but_wrong", "keras_sgdr_shrinking_cycles").GetProperty("upstream_values").EnumerateArray().Select(v => v.ToString()).ToList();
        Assert.Contains("nan", values);
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse("keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, t_mul=0.5)"));
        Assert.Contains("t_mul of keras.CosineDecayRestarts: expected a number >= 1, but got 0.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_step=10)", "unknown parameter 'first_decay_step' for keras.CosineDecayRestarts; did you mean 'first_decay_steps'?")]
    [InlineData("keras.CosineDecay(initial_learning_rate=0.1, decay_steps=10, warmup_targt=0.2)", "unknown parameter 'warmup_targt' for keras.CosineDecay; did you mean 'warmup_target'?")]
    [InlineData("keras.PolynomialDecay(0.1, 10, end_lr=0.0)", "unknown parameter 'end_lr' for keras.PolynomialDecay")]
    [InlineData("optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_step=5, decay_steps=50)", "unknown parameter 'warmup_step' for optax.warmup_cosine_decay_schedule; did you mean 'warmup_steps'?")]
    [InlineData("optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_vlaue': 0.1, 'warmup_steps': 5, 'decay_steps': 50}])", "unknown parameter 'peak_vlaue' for cosine_kwargs[0] of optax.sgdr_schedule; did you mean 'peak_value'?")]
    [InlineData("optax.exponential_decay(init_value=0.1, transition_step=10, decay_rate=0.5)", "did you mean 'transition_steps'?")]
    [InlineData("keras.CosineDecayRestart(0.1, 10)", "unknown schedule 'keras.CosineDecayRestart'; did you mean 'keras.CosineDecayRestarts'?")]
    [InlineData("optax.sgdr(cosine_kwargs=[])", "unknown schedule 'optax.sgdr'")]
    [InlineData("keras.CosineDecay(0.1, 10, name=3)", "name of keras.CosineDecay: expected a string, but got 3")]
    [InlineData("optax.piecewise_constant_schedule(0.1, {10.5: 0.1})", "expected integer steps as keys")]
    [InlineData("optax.piecewise_constant_schedule(0.1, {10: 0.1, 10: 0.5})", "step 10 appears twice")]
    [InlineData("optax.piecewise_constant_schedule(0.1, [10, 0.1])", "expected a dict")]
    [InlineData("optax.exponential_decay(0.1, 10, 0.5, end_value=0.2)", "end_value of optax.exponential_decay: 0.2 is above init_value 0.1")]
    [InlineData("optax.exponential_decay(0.1, 10, 2.0, end_value=0.05)", "an upper bound for decay_rate >= 1")]
    [InlineData("optax.sgdr_schedule([3])", "expected dicts of warmup_cosine_decay_schedule arguments, but item 0 is an integer")]
    [InlineData("optax.warmup_cosine_decay_schedule(0.0, 0.1, 5, 50, end_value=0.2)", "0.2 is above peak_value 0.1")]
    [InlineData("optax.cosine_onecycle_schedule(100.5, 0.1)", "transition_steps of optax.cosine_onecycle_schedule: expected an integer")]
    [InlineData("keras.PiecewiseConstantDecay([20, 10], [0.1, 0.01, 0.001])", "expected strictly increasing steps")]
    [InlineData("keras.CosineDecay(-0.1, 10)", "initial_learning_rate of keras.CosineDecay: expected a finite rate >= 0, but got -0.1")]
    public void Bad_specs_give_one_line_messages_with_suggestions(string spec, string message)
    {
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(spec));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Errors_point_at_the_argument()
    {
        const string spec = "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, m_mul=1.5)";
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(spec));
        Assert.Equal(spec.IndexOf("1.5", StringComparison.Ordinal), error.Position);
        Assert.StartsWith($"at {error.Position}: m_mul of keras.CosineDecayRestarts: expected a number in [0, 1], but got 1.5", error.Message, StringComparison.Ordinal);

        const string nested = "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 50}, {'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 50, 'decay_steps': 50}])";
        error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(nested));
        Assert.Equal(nested.LastIndexOf("50", StringComparison.Ordinal), error.Position);
        Assert.Contains("decay_steps of cosine_kwargs[1] of optax.sgdr_schedule: expected more than warmup_steps (50.0), but got 50.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upstream_module_paths_are_accepted()
    {
        Assert.Equal("keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10)", ScheduleSpec.Parse("tf.keras.optimizers.schedules.CosineDecayRestarts(0.1, 10)").Spec);
        Assert.Equal("keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.9)", ScheduleSpec.Parse("keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)").Spec);
        Assert.Equal("optax.cosine_decay_schedule(init_value=0.1, decay_steps=10)", ScheduleSpec.Parse("optax.schedules.cosine_decay_schedule(0.1, 10)").Spec);
    }

    [Fact]
    public void Nested_schedules_keep_their_canonical_text_and_must_have_absolute_rates()
    {
        var definition = ScheduleSpec.Parse("optax.join_schedules([optax.linear_schedule(0.0, 0.1, 5), keras.CosineDecay(0.1, 20), cosine_annealing(peak=0.01, length=10)], [5, 25])");
        Assert.Equal("optax.join_schedules(schedules=[optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=5), keras.CosineDecay(initial_learning_rate=0.1, decay_steps=20), cosine_annealing(peak=0.01, floor=0.0, length=10.0, exponent=1.0)], boundaries=[5, 25])", definition.Spec);
        var schedule = definition.RateFor(0, 0.1);
        Assert.Equal(0.1 * (1 + Math.Cos(Math.PI * 3 / 20)) / 2, schedule.Evaluate(8), 15);
        Assert.Equal(0.01, schedule.Evaluate(25));

        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse("optax.join_schedules([torch.StepLR(step_size=2), optax.constant_schedule(0.1)], [5])"));
        Assert.Contains("needs a schedule with absolute rates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keras_and_optax_specs_parse_as_stand_alone_schedules()
    {
        var schedule = ScheduleSpec.ParseSchedule("keras.CosineDecayRestarts(0.1, 10, t_mul=1.0, m_mul=0.5, alpha=0.1)");
        Assert.True(schedule.TryGetCycle(25, out var cycle));
        Assert.Equal((2L, 20.0, 10.0), (cycle.Index, cycle.Start, cycle.Length));

        // Cycle 2 starts at alpha * initial + (1 - alpha) * initial * m_mul^2: the floor is not decayed.
        Assert.Equal(0.01 + (0.09 * 0.25), schedule.Evaluate(20), 15);
        Assert.Equal(0.01, schedule.Evaluate(29.999999999), 9);
    }

    private static TheoryData<string> Ids(string section)
    {
        var data = new TheoryData<string>();
        foreach (var entry in Vectors.Value.GetProperty(section).EnumerateArray())
        {
            data.Add(entry.GetProperty("id").GetString()!);
        }

        return data;
    }

    /// <summary>The spec of the entry is refused with a one-line message naming the entry's parameter.</summary>
    private static SpecException Rejected(string section, string id)
    {
        var entry = Find(section, id);
        var error = Assert.Throws<SpecException>(() => ScheduleSpec.Parse(entry.GetProperty("spec").GetString()!));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(entry.GetProperty("message_names").GetString()!, error.Message, StringComparison.Ordinal);
        return error;
    }

    private static JsonElement Find(string section, string id) =>
        Vectors.Value.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static void AssertClose(double expected, double actual, string where) =>
        Assert.True(Math.Abs(expected - actual) <= RelativeTolerance * Math.Abs(expected), $"{where}: upstream {expected:R}, here {actual:R} (relative {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
}
