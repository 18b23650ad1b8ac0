#!/usr/bin/env python3
"""Generates tests/WarmRestarts.Tests/Data/timm_vectors.json: the learning rates timm's schedulers produce.

Usage:  python3 tools/parity/timm_vectors.py PATH_TO_TIMM_CHECKOUT [OUT_DIR]

Writes OUT_DIR/timm_vectors.json (hand-picked cases: every name and quirk, and argument sets timm refuses) and
OUT_DIR/timm_random_vectors.json (seeded random argument combinations). OUT_DIR defaults to the current directory.

PATH_TO_TIMM_CHECKOUT is a directory that contains the `timm` package (a clone of
huggingface/pytorch-image-models, or just its timm/scheduler/*.py files with empty __init__.py files); it is put
first on sys.path, so no installed timm is needed. PyTorch comes from Debian (apt-get install python3-torch).
No timm code is copied into this repository: this script only imports it.

Stepping convention (timm's own): the rates right after construction are point 0; then, for point t >= 1,
`step(t)` when t_in_epochs=True or `step_update(t)` when t_in_epochs=False. The other call is made first at
every point with the same t, to show that it changes nothing. Plateau: `step(t, metrics[t - 1])`.
Every case uses an SGD optimizer with two parameter groups.

Where timm's floating logarithm puts an exact restart into the previous cycle (cycle_mul != 1), the point is
listed under "exact_restarts" with the value of the correct cycle, computed here from timm's own formula with the
cycle index found in exact rational arithmetic; the spec gives that value (the exact restart wins).
"""
import json
import math
import os
import random
import sys
from fractions import Fraction

TIMM_PATH = sys.argv[1] if len(sys.argv) > 1 else None
OUT_DIR = sys.argv[2] if len(sys.argv) > 2 else "."
if TIMM_PATH is None:
    sys.exit("usage: timm_vectors.py PATH_TO_TIMM_CHECKOUT [OUT_DIR]")
sys.path.insert(0, TIMM_PATH)

import torch  # noqa: E402
from timm.scheduler.cosine_lr import CosineLRScheduler  # noqa: E402
from timm.scheduler.multistep_lr import MultiStepLRScheduler  # noqa: E402
from timm.scheduler.plateau_lr import PlateauLRScheduler  # noqa: E402
from timm.scheduler.poly_lr import PolyLRScheduler  # noqa: E402
from timm.scheduler.step_lr import StepLRScheduler  # noqa: E402
from timm.scheduler.tanh_lr import TanhLRScheduler  # noqa: E402

CLASSES = {
    "CosineLRScheduler": CosineLRScheduler,
    "StepLRScheduler": StepLRScheduler,
    "MultiStepLRScheduler": MultiStepLRScheduler,
    "PolyLRScheduler": PolyLRScheduler,
    "TanhLRScheduler": TanhLRScheduler,
    "PlateauLRScheduler": PlateauLRScheduler,
}

BASE_LRS = [0.1, 0.02]


def py(value):
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(py(v) for v in value) + "]"
    if isinstance(value, str):
        return "'" + value + "'"
    return repr(value)


def optimizer(base_lrs):
    groups = [{"params": [torch.nn.Parameter(torch.zeros(1))], "lr": lr} for lr in base_lrs]
    return torch.optim.SGD(groups, lr=base_lrs[0])


def true_cycle(u, t_initial, cycle_mul):
    """The cycle index i with S_i <= u < S_(i+1), in exact rational arithmetic."""
    u, t0, m = Fraction(u), Fraction(t_initial), Fraction(cycle_mul)
    if m == 1:
        return math.floor(u / t0)
    i = 0
    while t0 * (m ** (i + 1) - 1) / (m - 1) <= u:
        i += 1
    return i


def corrected(name, kw, base, t):
    """timm's _get_lr arithmetic for one group at t, with the exactly placed cycle index (cycle schedulers only)."""
    warmup_t = kw.get("warmup_t", 0)
    if t < warmup_t:
        return None
    u = t - warmup_t if kw.get("warmup_prefix", False) else t
    t_initial = kw["t_initial"]
    m = kw.get("cycle_mul", 1.0)
    i = true_cycle(u, t_initial, m)
    if m != 1:
        t_i = m ** i * t_initial
        t_curr = u - (1 - m ** i) / (1 - m) * t_initial
    else:
        t_i = t_initial
        t_curr = u - t_initial * i
    lr_min = kw.get("lr_min", 0.0)
    limit = kw.get("cycle_limit", 1)
    if i >= limit:
        return lr_min
    lr_max = base * kw.get("cycle_decay", 1.0) ** i
    t_curr = max(t_curr, 0.0)  # exactly at the restart
    k = kw.get("k_decay", 1.0)
    if name == "CosineLRScheduler":
        return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_curr ** k / t_i ** k))
    if name == "PolyLRScheduler":
        return lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** kw.get("power", 0.5)
    tr = t_curr / t_i
    return lr_min + 0.5 * (lr_max - lr_min) * (1 - math.tanh(kw.get("lb", -7.0) * (1. - tr) + kw.get("ub", 3.0) * tr))


def timm_cycle(kw, t):
    """timm's own cycle index at t (None during warm-up)."""
    warmup_t = kw.get("warmup_t", 0)
    if t < warmup_t:
        return None
    u = t - warmup_t if kw.get("warmup_prefix", False) else t
    m = kw.get("cycle_mul", 1.0)
    if m != 1:
        return math.floor(math.log(1 - u / kw["t_initial"] * (1 - m), m))
    return u // kw["t_initial"]


def run(case_id, name, kw, steps, metrics=None, note=""):
    opt = optimizer(BASE_LRS)
    sched = CLASSES[name](opt, **kw)
    in_epochs = kw.get("t_in_epochs", True)
    lrs = [[g["lr"] for g in opt.param_groups]]
    for t in range(1, steps):
        if name == "PlateauLRScheduler":
            sched.step_update(t)  # a no-op for the plateau scheduler
            sched.step(t, metrics[t - 1])
        elif in_epochs:
            sched.step_update(t)  # ignored with t_in_epochs=True
            sched.step(t)
        else:
            sched.step(t)  # ignored with t_in_epochs=False
            sched.step_update(t)
        lrs.append([g["lr"] for g in opt.param_groups])
    spec = "timm." + name + "(" + ", ".join(f"{k}={py(v)}" for k, v in kw.items()) + ")"
    case = {"id": case_id, "name": name, "kwargs": kw, "spec": spec, "base_lrs": BASE_LRS, "steps": steps, "lrs": lrs}
    if metrics is not None:
        case["metrics"] = metrics
    if note:
        case["note"] = note
    if name in ("CosineLRScheduler", "PolyLRScheduler", "TanhLRScheduler"):
        fixes = []
        for t in range(1, steps):
            own = timm_cycle(kw, t)
            warmup_t = kw.get("warmup_t", 0)
            if own is None:
                continue
            u = t - warmup_t if kw.get("warmup_prefix", False) else t
            exact = true_cycle(u, kw["t_initial"], kw.get("cycle_mul", 1.0))
            if own != exact:
                fixes.append({"t": t, "timm_cycle": own, "exact_cycle": exact,
                              "lrs": [corrected(name, kw, b, t) for b in BASE_LRS]})
        if fixes:
            case["exact_restarts"] = fixes
    return case


def reject(case_id, name, kw, expect):
    """A construction timm refuses (assert) or a first steps that fail (math domain error)."""
    opt = optimizer(BASE_LRS)
    try:
        sched = CLASSES[name](opt, **kw)
        for t in range(1, 200):
            sched.step(t) if kw.get("t_in_epochs", True) else sched.step_update(t)
        outcome = "accepted"
    except Exception as error:  # noqa: BLE001 - the kind of failure is what is recorded
        outcome = type(error).__name__ + (": " + str(error) if str(error) else "")
    spec = "timm." + name + "(" + ", ".join(f"{k}={py(v)}" for k, v in kw.items()) + ")"
    return {"id": case_id, "name": name, "kwargs": kw, "spec": spec, "upstream": outcome, "expect": expect}


cases = [
    # CosineLRScheduler
    run("cosine-defaults", "CosineLRScheduler", {"t_initial": 10}, 25, note="cycle_limit=1: lr_min after one cycle"),
    run("cosine-cycles", "CosineLRScheduler", {"t_initial": 10, "lr_min": 1e-4, "cycle_limit": 5}, 60),
    run("cosine-warmup-jump", "CosineLRScheduler", {"t_initial": 10, "warmup_t": 5, "warmup_lr_init": 1e-3}, 20,
        note="warmup_prefix=False: jumps to the cosine at warmup_t"),
    run("cosine-warmup-prefix", "CosineLRScheduler", {"t_initial": 10, "warmup_t": 5, "warmup_lr_init": 1e-3, "warmup_prefix": True, "cycle_limit": 2}, 30),
    run("cosine-mul2-decay", "CosineLRScheduler", {"t_initial": 5, "lr_min": 1e-5, "cycle_mul": 2.0, "cycle_decay": 0.5, "cycle_limit": 4}, 90,
        note="cycle_decay scales the peak, not lr_min"),
    run("cosine-mul1.5", "CosineLRScheduler", {"t_initial": 4, "cycle_mul": 1.5, "cycle_limit": 6}, 80),
    run("cosine-kdecay", "CosineLRScheduler", {"t_initial": 20, "k_decay": 2.0, "cycle_limit": 3, "lr_min": 1e-3}, 70),
    run("cosine-mul3-restart", "CosineLRScheduler", {"t_initial": 1, "cycle_mul": 3.0, "cycle_limit": 10}, 130,
        note="math.log puts some exact restarts into the previous cycle"),
    run("cosine-warmup-decay-mul", "CosineLRScheduler", {"t_initial": 6, "lr_min": 1e-4, "cycle_mul": 2.0, "cycle_decay": 0.6, "cycle_limit": 3,
                                                           "warmup_t": 3, "warmup_lr_init": 0.0}, 50),
    run("cosine-prefix-decay", "CosineLRScheduler", {"t_initial": 8, "cycle_decay": 0.5, "cycle_limit": 3, "warmup_t": 4, "warmup_lr_init": 1e-4,
                                                       "warmup_prefix": True}, 40),
    run("cosine-updates", "CosineLRScheduler", {"t_initial": 200, "lr_min": 1e-6, "cycle_limit": 2, "warmup_t": 20, "warmup_lr_init": 1e-5,
                                                  "t_in_epochs": False}, 450),
    run("cosine-long-updates", "CosineLRScheduler", {"t_initial": 1500, "t_in_epochs": False}, 1501,
        note="a long cycle to the floor 0: the last values are tiny, compared relatively"),
    run("cosine-fractional-t", "CosineLRScheduler", {"t_initial": 7.5, "cycle_limit": 3, "warmup_t": 2.5}, 30),
    run("cosine-noise-args", "CosineLRScheduler", {"t_initial": 10, "noise_range_t": None, "noise_pct": 0.5, "noise_std": 2.0, "noise_seed": 7,
                                                     "initialize": True}, 12, note="noise settings are inert without noise_range_t"),
    # StepLRScheduler
    run("step-basic", "StepLRScheduler", {"decay_t": 30, "decay_rate": 0.1}, 100),
    run("step-defaults", "StepLRScheduler", {"decay_t": 3}, 10, note="decay_rate=1: constant"),
    run("step-warmup-prefix", "StepLRScheduler", {"decay_t": 3, "decay_rate": 0.5, "warmup_t": 2, "warmup_lr_init": 1e-3}, 20),
    run("step-warmup-overlay", "StepLRScheduler", {"decay_t": 3, "decay_rate": 0.5, "warmup_t": 4, "warmup_lr_init": 1e-3, "warmup_prefix": False}, 20),
    run("step-fractional", "StepLRScheduler", {"decay_t": 2.5, "decay_rate": 0.7}, 20),
    run("step-updates", "StepLRScheduler", {"decay_t": 50, "decay_rate": 0.5, "warmup_t": 10, "warmup_lr_init": 0.0, "t_in_epochs": False}, 220),
    # MultiStepLRScheduler
    run("multistep-bisect", "MultiStepLRScheduler", {"decay_t": [3, 6, 6, 9], "decay_rate": 0.5}, 15,
        note="bisect_right(decay_t, t + 1): milestone m is in force at t = m - 1; duplicates count twice"),
    run("multistep-early", "MultiStepLRScheduler", {"decay_t": [1, 4], "decay_rate": 0.1}, 8,
        note="milestone 1 is due at t = 0, but the constructor's base rate holds there"),
    run("multistep-zero", "MultiStepLRScheduler", {"decay_t": [0, 2], "decay_rate": 0.5}, 6),
    run("multistep-warmup-prefix", "MultiStepLRScheduler", {"decay_t": [1, 5], "decay_rate": 0.5, "warmup_t": 3, "warmup_lr_init": 1e-3}, 14),
    run("multistep-warmup-overlay", "MultiStepLRScheduler", {"decay_t": [2, 6], "decay_rate": 0.5, "warmup_t": 4, "warmup_lr_init": 1e-3,
                                                               "warmup_prefix": False}, 12),
    run("multistep-updates", "MultiStepLRScheduler", {"decay_t": [100, 150], "decay_rate": 0.1, "t_in_epochs": False}, 200),
    # PolyLRScheduler
    run("poly-defaults", "PolyLRScheduler", {"t_initial": 10}, 15),
    run("poly-cycles", "PolyLRScheduler", {"t_initial": 5, "power": 2.0, "lr_min": 1e-4, "cycle_mul": 2.0, "cycle_decay": 0.7, "cycle_limit": 3}, 40),
    run("poly-kdecay", "PolyLRScheduler", {"t_initial": 12, "power": 1.0, "k_decay": 1.5, "cycle_limit": 2}, 30),
    run("poly-warmup-jump", "PolyLRScheduler", {"t_initial": 10, "warmup_t": 3, "warmup_lr_init": 1e-3}, 14),
    run("poly-warmup-prefix", "PolyLRScheduler", {"t_initial": 10, "warmup_t": 3, "warmup_lr_init": 1e-3, "warmup_prefix": True}, 16),
    run("poly-updates", "PolyLRScheduler", {"t_initial": 300, "power": 0.9, "lr_min": 1e-5, "t_in_epochs": False}, 320),
    # TanhLRScheduler
    run("tanh-defaults", "TanhLRScheduler", {"t_initial": 10}, 15, note="t = 0 is the constructor's base rate; _get_lr(0) is a little lower"),
    run("tanh-cycles", "TanhLRScheduler", {"t_initial": 8, "lb": -6.0, "ub": 4.0, "lr_min": 1e-4, "cycle_decay": 0.8, "cycle_limit": 3}, 30),
    run("tanh-warmup-target", "TanhLRScheduler", {"t_initial": 10, "warmup_t": 4, "warmup_lr_init": 1e-3}, 14,
        note="warmup_prefix=False: the warm-up climbs towards _get_lr(warmup_t)"),
    run("tanh-warmup-prefix", "TanhLRScheduler", {"t_initial": 10, "warmup_t": 4, "warmup_lr_init": 1e-3, "warmup_prefix": True, "cycle_limit": 2}, 28),
    run("tanh-mul2", "TanhLRScheduler", {"t_initial": 3, "cycle_mul": 2.0, "cycle_limit": 4, "lr_min": 1e-5}, 50),
    run("tanh-mul3-restart", "TanhLRScheduler", {"t_initial": 1, "cycle_mul": 3.0, "cycle_limit": 10}, 130),
    run("tanh-updates", "TanhLRScheduler", {"t_initial": 100, "lb": -5.0, "ub": 5.0, "t_in_epochs": False, "cycle_limit": 2}, 220),
    # PlateauLRScheduler (mode='max' by default: an accuracy)
    run("plateau-defaults", "PlateauLRScheduler", {}, 30, metrics=[0.5 + 0.01 * min(k, 5) for k in range(29)]),
    run("plateau-min", "PlateauLRScheduler", {"mode": "min", "patience_t": 2, "cooldown_t": 1, "decay_rate": 0.5}, 20,
        metrics=[1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]),
    run("plateau-warmup", "PlateauLRScheduler", {"mode": "min", "patience_t": 1, "warmup_t": 3, "warmup_lr_init": 1e-3}, 12,
        metrics=[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        note="warm-up while epoch <= warmup_t, metric ignored then"),
    run("plateau-min-lr-list", "PlateauLRScheduler", {"mode": "min", "patience_t": 0, "lr_min": [1e-3, 1e-3], "decay_rate": 0.3}, 10,
        metrics=[1.0] * 9, note="the second group stops at its lr_min; eps skips tiny reductions"),
    run("plateau-threshold", "PlateauLRScheduler", {"mode": "max", "patience_t": 1, "threshold": 0.05, "verbose": False}, 12,
        metrics=[0.50, 0.51, 0.52, 0.60, 0.61, 0.62, 0.63, 0.70, 0.70, 0.70, 0.70]),
]

rejections = [
    reject("cosine-t-initial-zero", "CosineLRScheduler", {"t_initial": 0}, "t_initial"),
    reject("cosine-lr-min-negative", "CosineLRScheduler", {"t_initial": 10, "lr_min": -1e-3}, "lr_min"),
    reject("cosine-cycle-mul-below-one", "CosineLRScheduler", {"t_initial": 10, "cycle_mul": 0.5, "cycle_limit": 100}, "cycle_mul"),
    reject("poly-t-initial-negative", "PolyLRScheduler", {"t_initial": -5}, "t_initial"),
    reject("poly-cycle-mul-below-one", "PolyLRScheduler", {"t_initial": 4, "cycle_mul": 0.8, "cycle_limit": 50}, "cycle_mul"),
    reject("tanh-lb-not-below-ub", "TanhLRScheduler", {"t_initial": 10, "lb": 3.0, "ub": 3.0}, "lb"),
    reject("tanh-warmup-negative", "TanhLRScheduler", {"t_initial": 10, "warmup_t": -1}, "warmup_t"),
    reject("tanh-warmup-lr-init-negative", "TanhLRScheduler", {"t_initial": 10, "warmup_t": 2, "warmup_lr_init": -0.1}, "warmup_lr_init"),
    reject("tanh-cycle-limit-negative", "TanhLRScheduler", {"t_initial": 10, "cycle_limit": -1}, "cycle_limit"),
    reject("step-decay-t-zero", "StepLRScheduler", {"decay_t": 0, "decay_rate": 0.5}, "decay_t"),
]

source = {
    "repository": "huggingface/pytorch-image-models",
    "files": {
        "timm/scheduler/scheduler.py": "803b7c2ac5eb419fef21fd8ef2a6e7bc151cf342",
        "timm/scheduler/cosine_lr.py": "7479d451a6dfd8af27f941b8e82a7402461fae80",
        "timm/scheduler/poly_lr.py": "7479d451a6dfd8af27f941b8e82a7402461fae80",
        "timm/scheduler/step_lr.py": "59b3d86c1d69fe85ccb5bbdb2f1711eadae6e4a7",
        "timm/scheduler/tanh_lr.py": "59b3d86c1d69fe85ccb5bbdb2f1711eadae6e4a7",
        "timm/scheduler/multistep_lr.py": "b1b024dfed5870cb1238c8c7c326d6ea8ef67300",
        "timm/scheduler/plateau_lr.py": "23f09af08e6b26f114dcc8194246779c229ed619",
    },
    "torch": torch.__version__,
    "python": sys.version.split()[0],
    "generator": "tools/parity/timm_vectors.py",
}



def random_cases(count, seed=20261203):
    """Seeded random argument combinations of the five stateless schedulers, 40 points each."""
    rng = random.Random(seed)
    found = []
    while len(found) < count:
        name = rng.choice(["CosineLRScheduler", "PolyLRScheduler", "TanhLRScheduler", "StepLRScheduler", "MultiStepLRScheduler"])
        kw = {}
        if name in ("StepLRScheduler", "MultiStepLRScheduler"):
            if name == "StepLRScheduler":
                kw["decay_t"] = rng.choice([1, 2, 2.5, 3, 5, 7])
            else:
                kw["decay_t"] = sorted(rng.choice(range(0, 25)) for _ in range(rng.randint(1, 4)))
            kw["decay_rate"] = rng.choice([0.1, 0.5, 0.9, 1.0])
        else:
            kw["t_initial"] = rng.choice([1, 2, 3, 5, 7.5, 10, 12])
            if name == "PolyLRScheduler":
                kw["power"] = rng.choice([0.5, 1.0, 2.0, 0.9])
            if name == "TanhLRScheduler":
                kw["lb"], kw["ub"] = rng.choice([(-7.0, 3.0), (-6.0, 4.0), (-3.0, 3.0), (-5.0, 5.0)])
            kw["lr_min"] = rng.choice([0.0, 1e-4, 1e-3])
            kw["cycle_mul"] = rng.choice([1.0, 1.0, 1.5, 2.0, 3.0])
            kw["cycle_decay"] = rng.choice([1.0, 0.5, 0.8])
            kw["cycle_limit"] = rng.randint(1, 5)
            if name != "TanhLRScheduler":
                kw["k_decay"] = rng.choice([1.0, 1.0, 0.5, 2.0])
        warmup = rng.choice([0, 0, 1, 3, 5, 2.5])
        if warmup:
            kw["warmup_t"] = warmup
            kw["warmup_lr_init"] = rng.choice([0.0, 1e-4, 0.01])
            kw["warmup_prefix"] = rng.choice([True, False])
        if rng.random() < 0.3:
            kw["t_in_epochs"] = False
        found.append(run(f"random-{len(found):03d}", name, kw, 40))
    return found


def write(path, parts):
    """JSON with one line per case, so that a changed case shows as a changed line."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n")
        for k, (key, value) in enumerate(parts.items()):
            f.write(f" {json.dumps(key)}: ")
            if isinstance(value, list):
                f.write("[\n" + ",\n".join("  " + json.dumps(item) for item in value) + "\n ]")
            else:
                f.write(json.dumps(value))
            f.write(",\n" if k < len(parts) - 1 else "\n")
        f.write("}\n")


write(os.path.join(OUT_DIR, "timm_vectors.json"), {"source": source, "cases": cases, "rejections": rejections})
print(f"{len(cases)} cases, {len(rejections)} rejections -> timm_vectors.json")

randomized = random_cases(150)
write(os.path.join(OUT_DIR, "timm_random_vectors.json"), {"source": source, "cases": randomized})
print(f"{len(randomized)} random cases -> timm_random_vectors.json")
