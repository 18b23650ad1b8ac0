#!/usr/bin/python3
"""Comparison vectors for the torch.* schedule specs, produced by running the real PyTorch schedulers.

Usage (Debian: apt-get install python3-torch; PyTorch 1.13):
    /usr/bin/python3 tools/parity/torch_vectors.py > tests/WarmRestarts.Tests/Data/torch_parity.json

Each case is a spec text in the library's syntax, which is also evaluated here as Python: every
torch.Name(...) call becomes the PyTorch scheduler of that name on a fresh SGD optimizer (two parameter
groups with different base lrs, momentum 0.9), nested schedulers (SequentialLR, ChainedScheduler) are built on
the same optimizer in order, children first. So the spec text is exactly the PyTorch line minus the optimizer.

Recorded per case (stepping):
  "step"    at = [0, 1, ..., n]:        lrs[0] right after construction, lrs[k] after the k-th step()
  "epochs"  at = [0, e1, e2, ...]:      lrs[0] right after construction, lrs[k] after step(at[k])
  "metrics" metrics = [m1, ..., mn]:    lrs[0] right after construction, lrs[k] after step(metrics[k-1])
upstream_misplaced_restarts (CosineAnnealingWarmRestarts with step(epoch)): the indices k where PyTorch's own state
after step(at[k]) has T_cur >= T_i, i.e. math.log put an exact restart at the end of the previous cycle (lr = eta_min).
momentum[k][g] is the SGD group's momentum at the same points, for CyclicLR/OneCycleLR with cycle_momentum.

Rejections: argument sets PyTorch refuses, at construction or within the first steps (when = "construction"
or "step k", where step k is the k-th step() call); the exception type and message are recorded as raised.
"""
import json
import math
import platform
import subprocess
import sys
import warnings

import torch
from torch.optim import lr_scheduler as S

warnings.simplefilter("ignore")  # deprecation warnings for step(epoch) etc.

BASE_LRS = [0.1, 0.025]


class Call:
    """A deferred torch.Name(**kwargs) call from the spec text."""

    def __init__(self, name, kwargs):
        self.name, self.kwargs = name, kwargs

    def build(self, optimizer):
        kwargs = dict(self.kwargs)
        if "schedulers" in kwargs:
            kwargs["schedulers"] = [c.build(optimizer) for c in kwargs["schedulers"]]
        cls = getattr(S, self.name)
        if self.name == "ChainedScheduler":
            return cls(**kwargs)
        return cls(optimizer, **kwargs)


class TorchNamespace:
    def __getattr__(self, name):
        return lambda **kwargs: Call(name, kwargs)


def optimizer_for(base_lrs):
    params = [torch.nn.Parameter(torch.zeros(1, dtype=torch.float64)) for _ in base_lrs]
    return torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, base_lrs)], lr=base_lrs[0], momentum=0.9)


def build(spec, base_lrs):
    call = eval(spec, {"__builtins__": {}}, {"torch": TorchNamespace(), "True": True, "False": False, "None": None})
    optimizer = optimizer_for(base_lrs)
    return optimizer, call.build(optimizer)


def snapshot(optimizer):
    return [g["lr"] for g in optimizer.param_groups], [g["momentum"] for g in optimizer.param_groups]


CASES = []


def case(id, spec, steps=None, epochs=None, metrics=None, base_lrs=BASE_LRS, momentum=False, note=None):
    optimizer, scheduler = build(spec, base_lrs)
    lrs, moms = [], []

    def record():
        lr, mom = snapshot(optimizer)
        lrs.append(lr)
        moms.append(mom)

    record()
    entry = {"id": id, "spec": spec, "base_lrs": base_lrs}
    if epochs is not None:
        assert epochs[0] == 0
        misplaced = []
        for k, e in enumerate(epochs[1:], start=1):
            scheduler.step(e)
            record()
            if isinstance(scheduler, S.CosineAnnealingWarmRestarts) and scheduler.T_cur >= scheduler.T_i:
                misplaced.append(k)  # math.log rounded down: the restart was put at the end of the previous cycle
        entry.update(stepping="epochs", at=epochs)
        if misplaced:
            entry.update(upstream_misplaced_restarts=misplaced, eta_min=scheduler.eta_min)
    elif metrics is not None:
        for m in metrics:
            scheduler.step(m)
            record()
        entry.update(stepping="metrics", metrics=metrics)
    else:
        for _ in range(steps):
            scheduler.step()
            record()
        entry.update(stepping="step", at=list(range(steps + 1)))
    entry["lrs"] = lrs
    if momentum:
        entry["momentum"] = moms
    if note:
        entry["note"] = note
    CASES.append(entry)
    return entry


REJECTIONS = []


def rejection(id, spec, parameter, steps=3, base_lrs=BASE_LRS):
    """PyTorch must raise, at construction or within `steps` step() calls; `parameter` is what the spec's message must name."""
    when = "construction"
    try:
        optimizer, scheduler = build(spec, base_lrs)
        for k in range(1, steps + 1):
            when = f"step {k}"
            scheduler.step()
    except Exception as error:  # noqa: BLE001 - recording whatever upstream raises
        REJECTIONS.append({"id": id, "spec": spec, "base_lrs": base_lrs, "parameter": parameter,
                           "upstream": {"when": when, "type": type(error).__name__, "message": str(error)}})
        return
    print(f"{id}: PyTorch accepted {spec} for {steps} steps; not a rejection case", file=sys.stderr)


def fractional(epochs, iters):
    """The documented loop: for epoch in range(epochs): for i in range(iters): scheduler.step(epoch + i / iters)."""
    return [epoch + i / iters for epoch in range(epochs) for i in range(iters)]


# --- CosineAnnealingWarmRestarts -------------------------------------------------------------------------------
case("cawr_T0_10", "torch.CosineAnnealingWarmRestarts(T_0=10, eta_min=0.001)", steps=35)
case("cawr_T0_5_mult_2", "torch.CosineAnnealingWarmRestarts(T_0=5, T_mult=2, eta_min=0.01)", steps=80)
case("cawr_T0_1_mult_3_step", "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=3)", steps=130)
case("cawr_T0_1_mult_3_epochs", "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=3)", epochs=list(range(131)),
     note="integer step(epoch): PyTorch's math.log(243, 3) = 4.999999999999999 puts epoch 121 at the end of the 81-epoch cycle that starts at 40 (eta_min) instead of at the restart")
case("cawr_T0_1_mult_3_fractional", "torch.CosineAnnealingWarmRestarts(T_0=1, T_mult=3, eta_min=0.001)", epochs=fractional(126, 2))
case("cawr_T0_3_mult_2_fractional", "torch.CosineAnnealingWarmRestarts(T_0=3, T_mult=2, eta_min=0.005)", epochs=fractional(25, 4))
case("cawr_T0_4_fractional", "torch.CosineAnnealingWarmRestarts(T_0=4)", epochs=fractional(13, 3))
case("cawr_T0_2_mult_2_fractional_5", "torch.CosineAnnealingWarmRestarts(T_0=2, T_mult=2, eta_min=0.0001)", epochs=fractional(31, 5))

# --- CosineAnnealingLR: recursive, periodic past T_max --------------------------------------------------------
case("cos_T5", "torch.CosineAnnealingLR(T_max=5)", steps=22)
case("cos_T10_eta", "torch.CosineAnnealingLR(T_max=10, eta_min=0.01)", steps=45)
case("cos_T1_eta", "torch.CosineAnnealingLR(T_max=1, eta_min=0.001)", steps=8)
case("cos_T7", "torch.CosineAnnealingLR(T_max=7, eta_min=0.0005)", steps=60)

# --- StepLR / MultiStepLR / ExponentialLR ----------------------------------------------------------------------
case("step_3_half", "torch.StepLR(step_size=3, gamma=0.5)", steps=20)
case("step_2_tenth", "torch.StepLR(step_size=2)", steps=30)
case("multistep_repeated", "torch.MultiStepLR(milestones=[2, 5, 5, 9], gamma=0.5)", steps=12)
case("multistep_unsorted", "torch.MultiStepLR(milestones=[8, 3, 5], gamma=0.3)", steps=11)
case("multistep_zero", "torch.MultiStepLR(milestones=[0, 4])", steps=7)
case("multistep_zero_twice", "torch.MultiStepLR(milestones=[0, 0, 3], gamma=0.5)", steps=5)
case("exponential", "torch.ExponentialLR(gamma=0.9)", steps=30)
case("exponential_one", "torch.ExponentialLR(gamma=1.0)", steps=4)

# --- LinearLR / ConstantLR / PolynomialLR ----------------------------------------------------------------------
case("linear_default", "torch.LinearLR()", steps=8)
case("linear_quarter", "torch.LinearLR(start_factor=0.25, end_factor=0.75, total_iters=7)", steps=10)
case("linear_down", "torch.LinearLR(start_factor=1.0, end_factor=0.1, total_iters=6)", steps=9)
case("linear_zero_iters", "torch.LinearLR(start_factor=0.5, total_iters=0)", steps=4)
case("constant_default", "torch.ConstantLR()", steps=8)
case("constant_half_3", "torch.ConstantLR(factor=0.5, total_iters=3)", steps=6)
case("constant_zero_iters", "torch.ConstantLR(factor=0.5, total_iters=0)", steps=4)
case("poly_default", "torch.PolynomialLR()", steps=8)
case("poly_square", "torch.PolynomialLR(total_iters=6, power=2.0)", steps=9)
case("poly_sqrt", "torch.PolynomialLR(total_iters=10, power=0.5)", steps=12)
case("poly_zero_iters", "torch.PolynomialLR(total_iters=0, power=2.0)", steps=4)

# --- CyclicLR (lrs and momentum) -------------------------------------------------------------------------------
case("cyclic_triangular", "torch.CyclicLR(base_lr=[0.01, 0.001], max_lr=[0.1, 0.02], step_size_up=4, step_size_down=2)", steps=20, momentum=True)
case("cyclic_triangular2", "torch.CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=3, mode='triangular2', base_momentum=[0.8, 0.7], max_momentum=[0.9, 0.95])", steps=25, momentum=True)
case("cyclic_exp_range", "torch.CyclicLR(base_lr=[0.01, 0.002], max_lr=[0.1, 0.05], step_size_up=5, step_size_down=3, mode='exp_range', gamma=0.97)", steps=33, momentum=True)
case("cyclic_no_momentum", "torch.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2, cycle_momentum=False)", steps=9, momentum=True,
     note="cycle_momentum=False: the optimizer's own momentum (0.9) stays untouched")

# --- OneCycleLR, including the value at total_steps ----------------------------------------------------------
case("onecycle_cos", "torch.OneCycleLR(max_lr=[0.1, 0.05], total_steps=20)", steps=20, momentum=True)
case("onecycle_linear", "torch.OneCycleLR(max_lr=0.1, total_steps=20, anneal_strategy='linear')", steps=20, momentum=True)
case("onecycle_three_phase_cos", "torch.OneCycleLR(max_lr=[0.1, 0.05], total_steps=30, three_phase=True)", steps=30, momentum=True)
case("onecycle_three_phase_linear", "torch.OneCycleLR(max_lr=0.1, total_steps=30, anneal_strategy='linear', three_phase=True, pct_start=0.25, div_factor=10.0, final_div_factor=100.0)", steps=30, momentum=True)
case("onecycle_epochs", "torch.OneCycleLR(max_lr=0.2, epochs=4, steps_per_epoch=5, pct_start=0.4, base_momentum=0.8, max_momentum=[0.9, 0.99])", steps=20, momentum=True)
case("onecycle_no_momentum", "torch.OneCycleLR(max_lr=0.1, total_steps=12, cycle_momentum=False)", steps=12, momentum=True)

# --- SequentialLR / ChainedScheduler --------------------------------------------------------------------------
case("sequential_issue_example", "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.1, total_iters=5), torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2)], milestones=[5])", steps=40)
case("sequential_cut_warmup", "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.1, total_iters=10), torch.ExponentialLR(gamma=0.9)], milestones=[4])", steps=12,
     note="the warm-up is cut short at the milestone: the lr jumps back to the base lr")
case("sequential_three", "torch.SequentialLR(schedulers=[torch.ConstantLR(factor=0.5, total_iters=2), torch.StepLR(step_size=2, gamma=0.5), torch.CosineAnnealingLR(T_max=6, eta_min=0.001)], milestones=[3, 8])", steps=24)
case("sequential_warmup_cyclic", "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.1, total_iters=4), torch.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, cycle_momentum=False)], milestones=[4])", steps=16)
case("sequential_onecycle_then_constant", "torch.SequentialLR(schedulers=[torch.OneCycleLR(max_lr=0.2, total_steps=10, cycle_momentum=False), torch.ConstantLR(factor=0.5, total_iters=3)], milestones=[8])", steps=14)
case("sequential_cyclic_then_exponential", "torch.SequentialLR(schedulers=[torch.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, cycle_momentum=False), torch.ExponentialLR(gamma=0.9)], milestones=[6])", steps=12)
case("sequential_constant_onecycle", "torch.SequentialLR(schedulers=[torch.ConstantLR(factor=0.5, total_iters=3), torch.OneCycleLR(max_lr=0.2, total_steps=10, cycle_momentum=False)], milestones=[3])", steps=13,
     note="OneCycleLR after a milestone rewrites initial_lr, so the ConstantLR before it runs from max_lr / div_factor (the library refuses this by design)")
case("sequential_nested_first", "torch.SequentialLR(schedulers=[torch.SequentialLR(schedulers=[torch.ConstantLR(factor=0.5, total_iters=3), torch.ExponentialLR(gamma=0.9)], milestones=[2]), torch.StepLR(step_size=2, gamma=0.5)], milestones=[5])", steps=10,
     note="the outer SequentialLR's reset and initial step lose the inner ConstantLR's factor (the library refuses this by design)")
case("sequential_doc_example", "torch.SequentialLR(schedulers=[torch.ConstantLR(factor=0.1, total_iters=2), torch.ExponentialLR(gamma=0.9)], milestones=[2])", steps=8)
case("chained_constant_exponential", "torch.ChainedScheduler(schedulers=[torch.ConstantLR(factor=0.5, total_iters=3), torch.ExponentialLR(gamma=0.9)])", steps=10)
case("chained_three", "torch.ChainedScheduler(schedulers=[torch.StepLR(step_size=3, gamma=0.5), torch.MultiStepLR(milestones=[4, 7], gamma=0.3), torch.LinearLR(start_factor=0.2, total_iters=4)])", steps=12)
case("chained_cosine_exponential", "torch.ChainedScheduler(schedulers=[torch.CosineAnnealingLR(T_max=6), torch.ExponentialLR(gamma=0.9)])", steps=6)
case("chained_poly_constant", "torch.ChainedScheduler(schedulers=[torch.PolynomialLR(total_iters=8, power=2.0), torch.ConstantLR(factor=0.25, total_iters=2)])", steps=10)

# --- Long runs: rounding of the chainable/recursive forms against the library's closed forms ---------------------
case("long_cawr_T0_10_mult_2", "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.0001)", steps=1300)
case("long_cawr_fractional_7", "torch.CosineAnnealingWarmRestarts(T_0=7, T_mult=2, eta_min=0.0001)", epochs=fractional(160, 7))
case("long_cos_T3", "torch.CosineAnnealingLR(T_max=3, eta_min=0.001)", steps=300)
case("long_cos_T5_zero", "torch.CosineAnnealingLR(T_max=5)", steps=200)
case("long_cos_T400", "torch.CosineAnnealingLR(T_max=400)", steps=900)
case("long_cos_T50", "torch.CosineAnnealingLR(T_max=50, eta_min=1e-05)", steps=400)
case("long_exponential", "torch.ExponentialLR(gamma=0.999)", steps=3000)
case("long_step", "torch.StepLR(step_size=7, gamma=0.7)", steps=700)
case("long_linear", "torch.LinearLR(start_factor=0.001, total_iters=500)", steps=510)
case("long_poly", "torch.PolynomialLR(total_iters=400, power=3.0)", steps=410)
case("long_cyclic", "torch.CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=13, step_size_down=29, mode='exp_range', gamma=0.999)", steps=600, momentum=True)
case("long_onecycle", "torch.OneCycleLR(max_lr=[0.3, 0.1], total_steps=1000, pct_start=0.27)", steps=1000, momentum=True)
case("long_sequential", "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.01, total_iters=20), torch.CosineAnnealingWarmRestarts(T_0=30, T_mult=2, eta_min=1e-05)], milestones=[20])", steps=700)
case("chained_cosine_eta_exponential", "torch.ChainedScheduler(schedulers=[torch.CosineAnnealingLR(T_max=6, eta_min=0.01), torch.ExponentialLR(gamma=0.9)])", steps=30)
case("long_chained_warmup_cosine_eta", "torch.ChainedScheduler(schedulers=[torch.LinearLR(start_factor=0.01, total_iters=10), torch.CosineAnnealingLR(T_max=100, eta_min=0.0001)])", steps=260)
case("long_chained_cosine_eta_settles", "torch.ChainedScheduler(schedulers=[torch.CosineAnnealingLR(T_max=20, eta_min=0.001), torch.MultiStepLR(milestones=[5, 30, 47], gamma=0.5), torch.ConstantLR(factor=0.5, total_iters=20)])", steps=130)
case("chained_cosine_eta_settles_before_bottom", "torch.ChainedScheduler(schedulers=[torch.ConstantLR(factor=0.5, total_iters=5), torch.CosineAnnealingLR(T_max=5, eta_min=0.002)])", steps=30)
case("chained_cosine_eta_settles_on_bottom", "torch.ChainedScheduler(schedulers=[torch.ConstantLR(factor=0.5, total_iters=4), torch.CosineAnnealingLR(T_max=5, eta_min=0.002)])", steps=30)
case("long_chained_warmup_cosine", "torch.ChainedScheduler(schedulers=[torch.LinearLR(start_factor=0.01, total_iters=10), torch.CosineAnnealingLR(T_max=100), torch.ExponentialLR(gamma=0.995)])", steps=520)
case("chained_cosine_past_T_max", "torch.ChainedScheduler(schedulers=[torch.CosineAnnealingLR(T_max=4), torch.ExponentialLR(gamma=0.9)])", steps=30)
case("chained_linear_cosine", "torch.ChainedScheduler(schedulers=[torch.LinearLR(start_factor=0.2, total_iters=4), torch.CosineAnnealingLR(T_max=6)])", steps=40)
case("chained_step_cosine_multistep", "torch.ChainedScheduler(schedulers=[torch.StepLR(step_size=4, gamma=0.5), torch.CosineAnnealingLR(T_max=3), torch.MultiStepLR(milestones=[0, 4, 7, 10], gamma=0.5)])", steps=24)
case("chained_cosine_poly", "torch.ChainedScheduler(schedulers=[torch.CosineAnnealingLR(T_max=3), torch.PolynomialLR(total_iters=5)])", steps=16)
case("chained_poly_cosine", "torch.ChainedScheduler(schedulers=[torch.PolynomialLR(total_iters=5), torch.CosineAnnealingLR(T_max=3)])", steps=16)
case("chained_cawr_exponential", "torch.ChainedScheduler(schedulers=[torch.CosineAnnealingWarmRestarts(T_0=5, eta_min=0.001), torch.ExponentialLR(gamma=0.9)])", steps=15)
case("chained_exponential_cawr", "torch.ChainedScheduler(schedulers=[torch.ExponentialLR(gamma=0.9), torch.CosineAnnealingWarmRestarts(T_0=5, T_mult=2)])", steps=15)
case("chained_cawr_linear_constant", "torch.ChainedScheduler(schedulers=[torch.ConstantLR(factor=0.5, total_iters=2), torch.CosineAnnealingWarmRestarts(T_0=3), torch.LinearLR(start_factor=0.5, total_iters=4), torch.ConstantLR(factor=0.5, total_iters=6)])", steps=12)
case("chained_nested", "torch.ChainedScheduler(schedulers=[torch.ChainedScheduler(schedulers=[torch.ConstantLR(factor=0.5, total_iters=3), torch.ExponentialLR(gamma=0.9)]), torch.StepLR(step_size=2, gamma=0.5)])", steps=10)
case("chained_cyclic_exponential", "torch.ChainedScheduler(schedulers=[torch.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, cycle_momentum=False), torch.ExponentialLR(gamma=0.9)])", steps=10,
     note="CyclicLR chained with others (the library refuses this by design)")
case("chained_single_cosine_eta", "torch.ChainedScheduler(schedulers=[torch.CosineAnnealingLR(T_max=4, eta_min=0.01)])", steps=12)

# --- ReduceLROnPlateau --------------------------------------------------------------------------------------
falling = [1.0, 0.9, 0.9, 0.9, 0.9, 0.89995, 0.9, 0.9, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85]
rising = [0.5, 0.6, 0.6, 0.6, 0.60001, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7]
case("plateau_min_rel", "torch.ReduceLROnPlateau(patience=2)", metrics=falling)
case("plateau_max_rel", "torch.ReduceLROnPlateau(mode='max', patience=1, factor=0.5)", metrics=rising)
case("plateau_min_abs", "torch.ReduceLROnPlateau(patience=1, threshold=0.01, threshold_mode='abs', factor=0.5)", metrics=falling)
case("plateau_max_abs", "torch.ReduceLROnPlateau(mode='max', patience=0, threshold=0.05, threshold_mode='abs', factor=0.7)", metrics=rising)
case("plateau_cooldown", "torch.ReduceLROnPlateau(patience=1, cooldown=2, factor=0.5)", metrics=[1.0] * 14)
case("plateau_min_lr_list", "torch.ReduceLROnPlateau(patience=0, factor=0.5, min_lr=[0.02, 0.01])", metrics=[1.0] * 8)
case("plateau_eps", "torch.ReduceLROnPlateau(patience=0, factor=0.5, min_lr=0.02, eps=0.005)", metrics=[1.0] * 8,
     note="a reduction smaller than eps is skipped")
case("plateau_negative_rel", "torch.ReduceLROnPlateau(patience=1)", metrics=[-1.0] * 8,
     note="rel mode with negative metrics: best * (1 - threshold) is above best, an unchanged metric is an improvement")
case("plateau_negative_max_rel", "torch.ReduceLROnPlateau(mode='max', patience=1, factor=0.5)", metrics=[-1.0] * 8)

# --- Rejections -------------------------------------------------------------------------------------------------
rejection("cawr_T0_zero", "torch.CosineAnnealingWarmRestarts(T_0=0)", "T_0")
rejection("cawr_T0_negative", "torch.CosineAnnealingWarmRestarts(T_0=-3)", "T_0")
rejection("cawr_T0_float", "torch.CosineAnnealingWarmRestarts(T_0=10.0)", "T_0")
rejection("cawr_Tmult_zero", "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=0)", "T_mult")
rejection("cawr_Tmult_float", "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=1.5)", "T_mult")
rejection("cawr_Tmult_float_whole", "torch.CosineAnnealingWarmRestarts(T_0=10, T_mult=2.0)", "T_mult")
rejection("cos_T_max_zero", "torch.CosineAnnealingLR(T_max=0)", "T_max")
rejection("step_size_zero", "torch.StepLR(step_size=0)", "step_size")
rejection("multistep_scalar", "torch.MultiStepLR(milestones=5)", "milestones")
rejection("linear_start_zero", "torch.LinearLR(start_factor=0)", "start_factor")
rejection("linear_start_above_one", "torch.LinearLR(start_factor=1.5)", "start_factor")
rejection("linear_end_negative", "torch.LinearLR(end_factor=-0.1)", "end_factor")
rejection("linear_end_above_one", "torch.LinearLR(end_factor=1.5)", "end_factor")
rejection("constant_factor_above_one", "torch.ConstantLR(factor=1.5)", "factor")
rejection("constant_factor_negative", "torch.ConstantLR(factor=-0.5)", "factor")
rejection("constant_factor_zero", "torch.ConstantLR(factor=0, total_iters=2)", "factor")
rejection("poly_power_negative", "torch.PolynomialLR(total_iters=2, power=-1.0)", "power")
rejection("cyclic_mode", "torch.CyclicLR(base_lr=0.01, max_lr=0.1, mode='foo')", "mode")
rejection("cyclic_step_up_zero", "torch.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=0)", "step_size_up")
rejection("cyclic_base_lr_groups", "torch.CyclicLR(base_lr=[0.01, 0.02, 0.03], max_lr=0.1)", "base_lr")
rejection("cyclic_max_lr_groups", "torch.CyclicLR(base_lr=0.01, max_lr=[0.1])", "max_lr")
rejection("cyclic_momentum_groups", "torch.CyclicLR(base_lr=0.01, max_lr=0.1, base_momentum=[0.8, 0.8, 0.8])", "base_momentum")
rejection("onecycle_total_zero", "torch.OneCycleLR(max_lr=0.1, total_steps=0)", "total_steps")
rejection("onecycle_total_negative", "torch.OneCycleLR(max_lr=0.1, total_steps=-5)", "total_steps")
rejection("onecycle_total_float", "torch.OneCycleLR(max_lr=0.1, total_steps=10.5)", "total_steps")
rejection("onecycle_no_length", "torch.OneCycleLR(max_lr=0.1)", "total_steps")
rejection("onecycle_epochs_zero", "torch.OneCycleLR(max_lr=0.1, epochs=0, steps_per_epoch=10)", "epochs")
rejection("onecycle_steps_per_epoch_zero", "torch.OneCycleLR(max_lr=0.1, epochs=3, steps_per_epoch=0)", "steps_per_epoch")
rejection("onecycle_pct_above_one", "torch.OneCycleLR(max_lr=0.1, total_steps=10, pct_start=1.5)", "pct_start")
rejection("onecycle_pct_negative", "torch.OneCycleLR(max_lr=0.1, total_steps=10, pct_start=-0.1)", "pct_start")
rejection("onecycle_anneal", "torch.OneCycleLR(max_lr=0.1, total_steps=10, anneal_strategy='cosine')", "anneal_strategy")
rejection("onecycle_max_lr_groups", "torch.OneCycleLR(max_lr=[0.1, 0.2, 0.3], total_steps=10)", "max_lr")
rejection("onecycle_past_total", "torch.OneCycleLR(max_lr=0.1, total_steps=10)", "total_steps", steps=11)
rejection("sequential_milestones_count", "torch.SequentialLR(schedulers=[torch.ConstantLR(), torch.ExponentialLR(gamma=0.9)], milestones=[2, 4])", "milestones")
rejection("chained_cyclic_with_other", "torch.ChainedScheduler(schedulers=[torch.CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=0), torch.ExponentialLR(gamma=0.9)])", "step_size_up")
rejection("sequential_chained_later", "torch.SequentialLR(schedulers=[torch.ConstantLR(), torch.ChainedScheduler(schedulers=[torch.ExponentialLR(gamma=0.9)])], milestones=[2])", "schedulers")
rejection("sequential_onecycle_past_total", "torch.SequentialLR(schedulers=[torch.OneCycleLR(max_lr=0.1, total_steps=10), torch.ConstantLR()], milestones=[12])", "milestones", steps=13)
rejection("sequential_last_onecycle_past_total", "torch.SequentialLR(schedulers=[torch.OneCycleLR(max_lr=0.1, total_steps=10)], milestones=[])", "total_steps", steps=15)
rejection("sequential_nested_later", "torch.SequentialLR(schedulers=[torch.ConstantLR(), torch.SequentialLR(schedulers=[torch.ConstantLR(), torch.ExponentialLR(gamma=0.9)], milestones=[2])], milestones=[2])", "schedulers")
rejection("chained_empty", "torch.ChainedScheduler(schedulers=[])", "schedulers")
rejection("plateau_factor_one", "torch.ReduceLROnPlateau(factor=1.0)", "factor")
rejection("plateau_mode", "torch.ReduceLROnPlateau(mode='minimum')", "mode")
rejection("plateau_threshold_mode", "torch.ReduceLROnPlateau(threshold_mode='relative')", "threshold_mode")
rejection("plateau_min_lr_groups", "torch.ReduceLROnPlateau(min_lr=[0.1, 0.2, 0.3])", "min_lr")
for missing in ["torch.CosineAnnealingWarmRestarts()", "torch.CosineAnnealingLR()", "torch.StepLR()", "torch.MultiStepLR()",
                "torch.ExponentialLR()", "torch.CyclicLR(max_lr=0.1)", "torch.CyclicLR(base_lr=0.01)", "torch.OneCycleLR(total_steps=10)",
                "torch.SequentialLR(milestones=[])", "torch.SequentialLR(schedulers=[torch.ConstantLR()])", "torch.ChainedScheduler()"]:
    # The missing parameter is the one TypeError names: "__init__() missing 1 required positional argument: 'T_0'".
    try:
        build(missing, BASE_LRS)
        raise SystemExit(f"{missing} was accepted")
    except TypeError as error:
        name = str(error).split("'")[-2]
    rejection("missing_" + missing[len("torch."):missing.index("(")] + "_" + name, missing, name)
rejection("exponential_gamma_string", "torch.ExponentialLR(gamma='0.9')", "gamma")
rejection("step_size_string", "torch.StepLR(step_size='3')", "step_size")
rejection("cos_T_max_string", "torch.CosineAnnealingLR(T_max='10')", "T_max")
rejection("step_last_epoch", "torch.StepLR(step_size=3, last_epoch=4)", "last_epoch")


def debian_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


header = {
    "generator": "tools/parity/torch_vectors.py",
    "torch_version": torch.__version__,
    "debian_package": "python3-torch " + (debian_version() or "unknown"),
    "python": platform.python_version(),
    "optimizer": "torch.optim.SGD, one parameter per group, group lrs = base_lrs, momentum=0.9",
}
# One case per line: readable diffs when the generator changes, without one number per line.
sys.stdout.write(json.dumps(header, indent=1)[:-2] + ",\n")
for key, entries in (("cases", CASES), ("rejections", REJECTIONS)):
    sys.stdout.write(f' "{key}": [\n' + ",\n".join("  " + json.dumps(e) for e in entries) + "\n ]" + ("," if key == "cases" else "") + "\n")
sys.stdout.write("}\n")
