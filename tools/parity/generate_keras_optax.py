"""Generates tests/WarmRestarts.Tests/Data/keras_optax_vectors.json by running the upstream schedule code.

Usage (Debian's /usr/bin/python3 with python3-numpy; no Keras, TensorFlow, JAX or optax installation needed):

    /usr/bin/python3 tools/parity/generate_keras_optax.py \
        --keras PATH/keras/src/optimizers/schedules/learning_rate_schedule.py \
        --optax PATH/optax/schedules \
        --keras-commit SHA --optax-commit SHA --optax-join-commit SHA \
        --out tests/WarmRestarts.Tests/Data/keras_optax_vectors.json

The upstream files are imported unmodified; numpy_backend.py stands in for keras.ops / jax.numpy in float64.
cos, log and power are the C library's (see numpy_backend.py). Each case's spec text is Python call syntax, so it is evaluated as is with `keras` and `optax` bound to the
upstream modules; the same text is what the C# tests parse. Values are schedule(t) for each t in `at`.
"""

import argparse
import contextlib
import importlib.util
import json
import math
import sys
import types
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy_backend  # noqa: E402


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def upstream(keras_path, optax_dir):
    numpy_backend.install()
    keras = load("keras_learning_rate_schedule", keras_path)
    optax_pkg = sys.modules.setdefault("optax", types.ModuleType("optax"))
    schedules_pkg = types.ModuleType("optax.schedules")
    sys.modules["optax.schedules"] = schedules_pkg
    optax_pkg.schedules = schedules_pkg
    join = load("optax.schedules._join", Path(optax_dir) / "_join.py")
    schedules_pkg._join = join
    schedule = load("optax.schedules._schedule", Path(optax_dir) / "_schedule.py")
    optax = types.SimpleNamespace(**{k: v for k, v in vars(schedule).items() if not k.startswith("__")})
    optax.join_schedules = join.join_schedules
    return {"keras": keras, "optax": optax}


def steps(n, *extra):
    return [float(t) for t in range(n)] + [float(t) for t in extra]


# (id, spec, progress points, notes). Fractional points are where the upstream takes a float step.
CASES = [
    ("keras_sgdr_default", "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10)", steps(321, 0.5, 9.75, 29.5, 150.25), None),
    ("keras_sgdr_positional", "keras.CosineDecayRestarts(0.1, 10, 2.0, 0.5, 0.1)", steps(201), "m_mul decays only the cosine part; the alpha floor stays alpha * initial"),
    ("keras_sgdr_equal_cycles", "keras.CosineDecayRestarts(initial_learning_rate=0.05, first_decay_steps=7, t_mul=1.0, m_mul=0.8, alpha=0.02)", steps(101, 3.5, 7.25, 69.9), None),
    ("keras_sgdr_t3", "keras.CosineDecayRestarts(initial_learning_rate=1.0, first_decay_steps=1, t_mul=3.0, alpha=0.01)", steps(400), "the C library's log gives log(243) / log(3) = 4.999999999999999, which puts step 121, an exact restart, in the previous cycle: the upstream gives alpha * initial there"),
    ("keras_sgdr_t3_numpy_log", "keras.CosineDecayRestarts(initial_learning_rate=1.0, first_decay_steps=1, t_mul=3.0, alpha=0.01)", steps(400), "run with NumPy's own log (numpy_backend.numpy_log): log(243) / log(3) is exactly 5.0 and step 121 restarts correctly, so the misplaced restart depends on the backend's log"),
    ("keras_sgdr_t1_5", "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=5, t_mul=1.5, m_mul=0.9)", steps(151, 2.5, 12.4, 100.75), None),
    ("keras_sgdr_fractional_first", "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=2.5, alpha=0.05)", steps(80, 1.25, 2.5, 7.5, 7.4999, 17.5), "a fractional first_decay_steps: restarts at 2.5, 7.5, 17.5, ..."),
    ("keras_sgdr_m0", "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, t_mul=2.0, m_mul=0.0, alpha=0.1)", steps(61), "m_mul=0: after the first cycle the floor alpha * initial holds"),
    ("keras_cosine", "keras.CosineDecay(initial_learning_rate=0.1, decay_steps=50)", steps(71, 0.5, 49.5), None),
    ("keras_cosine_long", "keras.CosineDecay(initial_learning_rate=0.1, decay_steps=10000)", steps(3) + [float(t) for t in range(9990, 10002)], "near the end of a long cosine the value is small: checks the rounding of the angle"),
    ("keras_cosine_alpha", "keras.CosineDecay(0.1, 50, 0.1, 'decay')", steps(71), None),
    ("keras_cosine_warmup", "keras.CosineDecay(initial_learning_rate=0.0, decay_steps=40, alpha=0.05, warmup_target=0.1, warmup_steps=10)", steps(71, 0.5, 9.5, 10.5), None),
    ("keras_cosine_warmup_zero", "keras.CosineDecay(initial_learning_rate=0.01, decay_steps=30, warmup_target=0.1)", steps(41), "warmup_steps=0: the cosine starts from warmup_target, not initial_learning_rate"),
    ("keras_exponential", "keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.9)", steps(101, 0.5, 15.25), None),
    ("keras_exponential_staircase", "keras.ExponentialDecay(0.1, 10, 0.5, True)", steps(61, 9.99, 10.5), None),
    ("keras_exponential_growth", "keras.ExponentialDecay(initial_learning_rate=0.001, decay_steps=4, decay_rate=1.5)", steps(41), None),
    ("keras_piecewise", "keras.PiecewiseConstantDecay(boundaries=[10, 20], values=[0.1, 0.01, 0.001])", steps(31, 9.5, 10.5, 20.25), "a boundary belongs to the segment before it"),
    ("keras_polynomial", "keras.PolynomialDecay(initial_learning_rate=0.1, decay_steps=20)", steps(31, 0.5, 19.5), None),
    ("keras_polynomial_cycle", "keras.PolynomialDecay(initial_learning_rate=0.1, decay_steps=10, end_learning_rate=0.01, power=2.0, cycle=True)", steps(46, 0.5, 10.5, 19.99, 20.0001), "at a multiple of decay_steps the value is end_learning_rate, then it jumps to a lower peak"),
    ("keras_polynomial_cycle_fractional", "keras.PolynomialDecay(0.1, 2.5, 0.0, 1.0, True)", steps(12, 2.5, 2.51, 5.0, 7.4), None),
    ("keras_polynomial_rising", "keras.PolynomialDecay(0.01, 10, 0.1, 0.5)", steps(16), None),
    ("keras_piecewise_zero_boundary", "keras.PiecewiseConstantDecay([0, 3], [0.5, 0.2, 0.1])", steps(6, 0.5, 3.5), "boundary 0: values[0] only at step 0"),
    ("keras_inverse_time", "keras.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=5, decay_rate=0.5)", steps(51, 0.5, 7.5), None),
    ("keras_inverse_time_staircase", "keras.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=5, decay_rate=0.5, staircase=True)", steps(51, 4.99, 5.5), None),
    ("optax_sgdr", "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 20, 'end_value': 0.001}, {'init_value': 0.001, 'peak_value': 0.05, 'warmup_steps': 0, 'decay_steps': 30}, {'init_value': 0.0, 'peak_value': 0.02, 'warmup_steps': 10, 'decay_steps': 40, 'end_value': 0.0001, 'exponent': 2.0}])", steps(101, 2.5, 20.5, 49.75), "each piece lasts decay_steps including its warm-up; the next starts at its own count 0"),
    ("optax_sgdr_single", "optax.sgdr_schedule([{'init_value': 0.01, 'peak_value': 0.1, 'warmup_steps': 3, 'decay_steps': 13}])", steps(21), None),
    ("optax_cosine", "optax.cosine_decay_schedule(init_value=0.1, decay_steps=50)", steps(61, 0.5, 49.5), None),
    ("optax_cosine_alpha_exponent", "optax.cosine_decay_schedule(0.1, 50, 0.1, 2.0)", steps(61), None),
    ("optax_warmup_cosine", "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=60, end_value=0.001)", steps(81, 0.5, 9.5, 10.25), "decay_steps includes the warm-up: the cosine lasts 50 steps"),
    ("optax_warmup_cosine_long", "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=1000, decay_steps=3000)", steps(5) + [float(t) for t in range(990, 1011)] + [2995.0, 2999.0, 3000.0, 3001.0], None),
    ("optax_warmup_cosine_nowarmup", "optax.warmup_cosine_decay_schedule(init_value=0.05, peak_value=0.1, warmup_steps=0, decay_steps=30, exponent=0.5)", steps(36), None),
    ("optax_cosine_onecycle", "optax.cosine_onecycle_schedule(transition_steps=100, peak_value=0.1)", steps(111, 0.5, 29.5, 99.5), None),
    ("optax_cosine_onecycle_short_rise", "optax.cosine_onecycle_schedule(transition_steps=10, peak_value=0.1, pct_start=0.05, div_factor=10.0, final_div_factor=100.0)", steps(13), "int(pct_start * transition_steps) = 0: the rise is empty and the schedule starts at the peak"),
    ("optax_linear_onecycle", "optax.linear_onecycle_schedule(transition_steps=100, peak_value=0.1)", steps(111, 0.5, 29.5, 84.5, 99.5), None),
    ("optax_linear_onecycle_no_rise", "optax.linear_onecycle_schedule(transition_steps=10, peak_value=0.1, pct_start=0.0, pct_final=0.8)", steps(13, 0.5, 7.5), "int(pct_start * transition_steps) = 0: the schedule starts at the peak"),
    ("optax_linear_onecycle_collapsed", "optax.linear_onecycle_schedule(transition_steps=20, peak_value=0.1, pct_start=0.25, pct_final=1.0)", steps(25), "int(pct_final * transition_steps) = transition_steps: the dict keeps one key, so the rate goes from the peak to peak / final_div_factor"),
    ("optax_join", "optax.join_schedules(schedules=[optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=5), optax.cosine_decay_schedule(init_value=0.1, decay_steps=20), optax.constant_schedule(0.003)], boundaries=[5, 25])", steps(31, 4.5, 5.5, 24.99), None),
    ("optax_join_nested", "optax.join_schedules([optax.exponential_decay(init_value=0.1, transition_steps=2, decay_rate=0.8), optax.join_schedules(schedules=[optax.constant_schedule(0.05), optax.polynomial_schedule(init_value=0.05, end_value=0.0, power=2.0, transition_steps=10)], boundaries=[3])], [8])", steps(26), None),
    ("optax_join_keras", "optax.join_schedules(schedules=[keras.CosineDecay(initial_learning_rate=0.1, decay_steps=10, alpha=0.1), keras.PiecewiseConstantDecay(boundaries=[5], values=[0.01, 0.001])], boundaries=[10])", steps(21, 9.5, 15.5), "a Keras schedule object is a callable of the step, so optax can join it"),
    ("optax_piecewise", "optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={30: 0.1, 10: 0.5})", steps(41, 9.5, 10.5, 29.999), "scales are cumulative and apply from count == boundary"),
    ("optax_piecewise_none", "optax.piecewise_constant_schedule(init_value=0.1)", steps(5), None),
    ("optax_piecewise_zero", "optax.piecewise_constant_schedule(0.2, {0: 0.5, 5: 0.0})", steps(8), None),
    ("optax_exponential", "optax.exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.5, transition_begin=5, end_value=0.01)", steps(81, 4.5, 5.5, 17.25), "end_value is a lower bound for decay_rate < 1"),
    ("optax_exponential_staircase", "optax.exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.5, staircase=True)", steps(51, 9.99, 10.5), None),
    ("optax_exponential_growth", "optax.exponential_decay(init_value=0.01, transition_steps=5, decay_rate=2.0, end_value=0.1)", steps(31, 2.5), "end_value is an upper bound for decay_rate > 1"),
    ("optax_exponential_growth_unbounded", "optax.exponential_decay(init_value=0.01, transition_steps=5, decay_rate=1.25)", steps(31), None),
    ("optax_exponential_no_transition", "optax.exponential_decay(init_value=0.1, transition_steps=0, decay_rate=0.5, end_value=0.2)", steps(5), "transition_steps <= 0: constant init_value (end_value unused)"),
    ("optax_exponential_zero_rate", "optax.exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.0)", steps(5), "decay_rate == 0: constant init_value"),
    ("optax_exponential_negative_begin", "optax.exponential_decay(init_value=0.1, transition_steps=4, decay_rate=0.7, transition_begin=-3)", steps(12), "a negative transition_begin becomes 0"),
    ("optax_polynomial", "optax.polynomial_schedule(init_value=0.1, end_value=0.001, power=2.0, transition_steps=20, transition_begin=5)", steps(31, 4.5, 5.5, 24.5), None),
    ("optax_polynomial_no_transition", "optax.polynomial_schedule(init_value=0.1, end_value=0.001, power=2.0, transition_steps=-1)", steps(4), "transition_steps <= 0: constant init_value"),
    ("optax_linear", "optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=10, transition_begin=3)", steps(16, 3.5, 12.99), None),
    ("optax_linear_long", "optax.linear_schedule(0.1, 0.0, 1000000)", [0.0, 1.0, 2.0, 500000.0, 999990.0, 999998.0, 999999.0, 999999.5, 1000000.0, 1000001.0], "values near the end check the rounding of (init - end) * (1 - t / T) + end"),
]

# Upstream rejects these: at construction (ValueError, ZeroDivisionError) or at the first call (IndexError).
ERRORS = [
    ("keras_sgdr_zero_first", "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=0)", "first_decay_steps"),
    ("keras_cosine_zero", "keras.CosineDecay(initial_learning_rate=0.1, decay_steps=0)", "decay_steps"),
    ("keras_exponential_negative", "keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=-5, decay_rate=0.9)", "decay_steps"),
    ("keras_polynomial_zero", "keras.PolynomialDecay(initial_learning_rate=0.1, decay_steps=0)", "decay_steps"),
    ("keras_inverse_time_zero", "keras.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=0, decay_rate=0.5)", "decay_steps"),
    ("keras_piecewise_lengths", "keras.PiecewiseConstantDecay(boundaries=[10, 20], values=[0.1, 0.01])", "values"),
    ("keras_piecewise_empty", "keras.PiecewiseConstantDecay(boundaries=[], values=[0.1])", "boundaries"),
    ("optax_cosine_zero", "optax.cosine_decay_schedule(init_value=0.1, decay_steps=0)", "decay_steps"),
    ("optax_warmup_cosine_no_decay", "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=10)", "decay_steps"),
    ("optax_piecewise_negative", "optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={10: -0.5})", "non-negative scale factors"),
    ("optax_linear_onecycle_zero", "optax.linear_onecycle_schedule(transition_steps=0, peak_value=0.1)", "transition_steps"),
    ("optax_cosine_onecycle_zero", "optax.cosine_onecycle_schedule(transition_steps=-10, peak_value=0.1)", "transition_steps"),
    ("optax_cosine_onecycle_div_zero", "optax.cosine_onecycle_schedule(transition_steps=10, peak_value=0.1, div_factor=0.0)", "div_factor"),
    ("optax_sgdr_piece_no_decay", "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 5, 'decay_steps': 5}])", "decay_steps"),
    ("optax_sgdr_empty", "optax.sgdr_schedule(cosine_kwargs=[])", "cosine_kwargs"),
]

# Upstream accepts these silently, but they are wrong (NaN, negative or unreachable rates): the spec rejects them.
ACCEPTED_BUT_WRONG = [
    ("keras_sgdr_shrinking_cycles", "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, t_mul=0.5)", steps(30), "t_mul"),
    ("keras_sgdr_negative_alpha", "keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10, alpha=-0.5)", steps(11), "alpha"),
    ("keras_cosine_warmup_ignored", "keras.CosineDecay(initial_learning_rate=0.1, decay_steps=10, warmup_steps=5)", steps(6), "warmup_steps"),
    ("optax_join_unsorted", "optax.join_schedules(schedules=[optax.constant_schedule(0.1), optax.constant_schedule(0.01), optax.constant_schedule(0.001)], boundaries=[10, 5])", steps(12), "boundaries"),
    ("optax_join_missing_boundary", "optax.join_schedules(schedules=[optax.constant_schedule(0.1), optax.constant_schedule(0.01), optax.constant_schedule(0.001)], boundaries=[10])", steps(12), "boundaries"),
    ("optax_linear_onecycle_backwards", "optax.linear_onecycle_schedule(transition_steps=100, peak_value=0.1, pct_start=0.9, pct_final=0.5)", steps(101), "pct_final"),
    ("optax_warmup_cosine_negative_warmup", "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=-5, decay_steps=10)", steps(12), "warmup_steps"),
]


def number(x):
    x = float(x)
    return x if math.isfinite(x) else repr(x)  # NaN and infinities as strings


def exact_restarts(first, growth, points):
    """(t, i) for the points that are exact restarts of cycle i: t = first * (g^i - 1) / (g - 1), in exact arithmetic."""
    g = Fraction(growth)
    found = []
    for t in points:
        if t != int(t) or t == 0:
            continue
        f = Fraction(int(t)) / Fraction(first)
        i, start = 0, Fraction(0)
        while start < f:
            start += g ** i
            i += 1
        if start == f:
            found.append((t, i))
    return found


def run(modules, keras_commit, optax_commit, optax_join_commit):
    out = {
        "source": {
            "keras": {"repo": "keras-team/keras", "commit": keras_commit, "file": "keras/src/optimizers/schedules/learning_rate_schedule.py"},
            "optax": {"repo": "google-deepmind/optax", "files": {"optax/schedules/_schedule.py": optax_commit, "optax/schedules/_join.py": optax_join_commit}},
            "backend": "tools/parity/numpy_backend.py: NumPy float64 in place of keras.ops / jax.numpy",
            "generator": "tools/parity/generate_keras_optax.py",
        },
        "cases": [],
        "errors": [],
        "accepted_but_wrong": [],
    }
    for case_id, spec, at, note in CASES:
        schedule = eval(spec, dict(modules))  # the spec text is Python call syntax
        with numpy_backend.numpy_log() if case_id.endswith("_numpy_log") else contextlib.nullcontext():
            values = [number(schedule(np.float64(t))) for t in at]
        case = {"id": case_id, "spec": spec, "at": at, "values": values}
        if note:
            case["note"] = note
        if case_id.startswith("keras_sgdr") and schedule._t_mul != 1 and schedule._m_mul > 0:
            # Where the float log misplaces an exact restart, the upstream gives the floor instead of the peak.
            initial, alpha, m_mul = schedule.initial_learning_rate, schedule.alpha, schedule._m_mul
            floor = initial * alpha
            misplaced = [{"at": t, "upstream": values[at.index(t)], "exact_restart_peak": initial * ((1 - alpha) * m_mul ** i + alpha)}
                         for t, i in exact_restarts(schedule.first_decay_steps, schedule._t_mul, at)
                         if abs(values[at.index(t)] - floor) <= 1e-15 * abs(initial)]
            if misplaced:
                case["upstream_misplaced_restarts"] = misplaced
        out["cases"].append(case)
    for case_id, spec, expect in ERRORS:
        raised_at, error = "construction", None
        try:
            schedule = eval(spec, dict(modules))
            raised_at = "first call"
            schedule(np.float64(0.0))
        except Exception as caught:  # noqa: BLE001 - the upstream's own exception, recorded
            error = caught
        if error is None:
            raise SystemExit(f"{case_id}: upstream accepted {spec}")
        out["errors"].append({"id": case_id, "spec": spec, "upstream_error": f"{type(error).__name__}: {error}",
                              "raised_at": raised_at, "message_names": expect})
    for case_id, spec, at, expect in ACCEPTED_BUT_WRONG:
        schedule = eval(spec, dict(modules))
        out["accepted_but_wrong"].append({"id": case_id, "spec": spec, "at": at,
                                          "upstream_values": [number(schedule(np.float64(t))) for t in at],
                                          "message_names": expect})
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keras", required=True, help="path of keras/src/optimizers/schedules/learning_rate_schedule.py")
    parser.add_argument("--optax", required=True, help="directory holding optax/schedules/_schedule.py and _join.py")
    parser.add_argument("--keras-commit", required=True)
    parser.add_argument("--optax-commit", required=True, help="commit of _schedule.py")
    parser.add_argument("--optax-join-commit", required=True, help="commit of _join.py")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    data = run(upstream(args.keras, args.optax), args.keras_commit, args.optax_commit, args.optax_join_commit)
    Path(args.out).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['cases'])} cases, {len(data['errors'])} errors, {len(data['accepted_but_wrong'])} accepted-but-wrong -> {args.out}")


if __name__ == "__main__":
    main()
