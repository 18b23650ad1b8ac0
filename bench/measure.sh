#!/usr/bin/env bash
# Every measurement of docs/benchmarks/performance.md in one run, holding /tmp/warmrestarts-heavy.lock throughout
# (the machine's two cores are shared). Writes the logs to OUT (default /tmp/warmrestarts-bench). Usage:
#   bench/measure.sh [OUT] [OPENBLAS_DIR]
# OPENBLAS_DIR: a folder with OpenBLAS's libblas.so.3 for the PyTorch child (Debian's python3-torch otherwise uses
# the reference BLAS; `apt-get install libopenblas0-openmp` switches it system-wide instead).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/warmrestarts-bench}"
blas="${2:-}"
mkdir -p "$out"
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PATH="$PATH:$HOME/.dotnet/tools"
exec 9>/tmp/warmrestarts-heavy.lock
flock 9
date -u +"%Y-%m-%d %H:%M UTC" | tee "$out/date.txt"
lscpu | grep -E "Model name|^CPU\(s\)" | tee "$out/machine.txt"
dotnet build bench/WarmRestarts.Benchmarks -c Release -v quiet -nologo >"$out/build.log"
app="dotnet bench/WarmRestarts.Benchmarks/bin/Release/net10.0/WarmRestarts.Benchmarks.dll"
job=(--launchCount 1 --warmupCount 3 --iterationCount 10 --iterationTime 250 --artifacts "$out/artifacts")
pyblas=()
[ -n "$blas" ] && pyblas=(--pytorch-library-path "$blas")
$app --filter '*SchedulerStepBenchmarks*' "${job[@]}" >"$out/steps.log" 2>&1
$app --filter '*ScheduleEvaluationBenchmarks*' "${job[@]}" >"$out/evaluation.log" 2>&1
$app --filter '*StepAnatomy*' "${job[@]}" >"$out/anatomy.log" 2>&1
$app trainer-speed --repeats 5 --pytorch bench/pytorch_loop.py "${pyblas[@]}" >"$out/trainer-mlp.log" 2>&1
$app trainer-speed --repeats 3 --train-count 6000 --test-count 2000 --pytorch bench/pytorch_loop.py >"$out/trainer-mlp-refblas.log" 2>&1
$app trainer-speed --model cnn --repeats 3 --train-count 1280 --test-count 1000 --pytorch bench/pytorch_loop.py "${pyblas[@]}" >"$out/trainer-cnn.log" 2>&1
# Operation by operation against PyTorch (run 6), and many rounds for the Trainer's overhead (run 8).
$app trainer-ops --repeats 3 --pytorch bench/pytorch_ops.py "${pyblas[@]}" >"$out/trainer-ops.log" 2>&1
$app trainer-speed --repeats 40 --pytorch bench/pytorch_loop.py "${pyblas[@]}" >"$out/trainer-mlp-40.log" 2>&1
# The repeat, for the spread between runs.
$app --filter '*SchedulerStepBenchmarks*' "${job[@]}" >"$out/steps-repeat.log" 2>&1
$app trainer-speed --repeats 5 --pytorch bench/pytorch_loop.py "${pyblas[@]}" >"$out/trainer-mlp-repeat.log" 2>&1
# A sampled profile of the Trainer (dotnet-trace, a NuGet dotnet tool) when installed.
if command -v dotnet-trace >/dev/null 2>&1; then
  dotnet-trace collect --profile dotnet-sampled-thread-time -o "$out/trainer.nettrace" -- \
    $app trainer-speed --repeats 2 --hand-written no >"$out/trace-run.log" 2>&1 || true
  dotnet-trace report "$out/trainer.nettrace" topN -n 25 >"$out/trainer-top-exclusive.txt" 2>&1 || true
  dotnet-trace report "$out/trainer.nettrace" topN -n 40 --inclusive >"$out/trainer-top-inclusive.txt" 2>&1 || true
fi
date -u +"%Y-%m-%d %H:%M UTC" | tee -a "$out/date.txt"
