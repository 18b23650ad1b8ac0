#!/usr/bin/env bash
# The Trainer against a hand-written TorchSharp loop and the same loop in PyTorch, alternating in one run
# (see docs/benchmarks/performance.md). Extra arguments go to the trainer-speed mode, e.g.
#   bench/trainer-speed.sh --repeats 7
#   bench/trainer-speed.sh --model cnn --train-count 2560 --test-count 1000 --repeats 3
#   bench/trainer-speed.sh --pytorch-library-path /path/to/openblas-openmp   # PyTorch with OpenBLAS instead of Debian's reference BLAS
# PyTorch is Debian's python3-torch, run with /usr/bin/python3. The run holds /tmp/warmrestarts-heavy.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/WarmRestarts.Benchmarks -c Release -v quiet -nologo >/dev/null
exec flock /tmp/warmrestarts-heavy.lock \
  dotnet bench/WarmRestarts.Benchmarks/bin/Release/net10.0/WarmRestarts.Benchmarks.dll trainer-speed \
  --pytorch bench/pytorch_loop.py --python /usr/bin/python3 "$@"
