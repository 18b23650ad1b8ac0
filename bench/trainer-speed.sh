#!/usr/bin/env bash
# The Trainer against a hand-written TorchSharp loop and the same loop in PyTorch, alternating in one run
# (see docs/benchmarks/performance.md). Extra arguments go to the trainer-speed mode, e.g.
#   bench/trainer-speed.sh --repeats 7
#   bench/trainer-speed.sh --model cnn --train-count 2560 --test-count 1000 --repeats 3
#   bench/trainer-speed.sh --pytorch-library-path /path/to/openblas-openmp   # PyTorch with OpenBLAS instead of Debian's reference BLAS
#   bench/trainer-speed.sh --mkl-intel-dispatch ...   # unsupported diagnostic: libtorch's MKL on its Intel paths (bench/mkl-intel-dispatch.c)
#   bench/trainer-speed.sh --mode trainer-ops ...     # per-operation times of the MLP loop instead (bench/pytorch_ops.py)
# PyTorch is Debian's python3-torch, run with /usr/bin/python3. The run holds /tmp/warmrestarts-heavy.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/WarmRestarts.Benchmarks -c Release -v quiet -nologo >/dev/null
mode=trainer-speed script=bench/pytorch_loop.py
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mkl-intel-dispatch)
      gcc -shared -fPIC -O2 bench/mkl-intel-dispatch.c -o /tmp/libmkl-intel-dispatch.so
      export LD_PRELOAD=/tmp/libmkl-intel-dispatch.so  # the .NET process only: the PyTorch child is started without it
      shift ;;
    --mode)
      mode=$2 script=bench/pytorch_ops.py
      [[ $mode == trainer-ops || $mode == trainer-speed ]] || { echo "--mode must be trainer-speed or trainer-ops, but was $mode" >&2; exit 2; }
      [[ $mode == trainer-speed ]] && script=bench/pytorch_loop.py
      shift 2 ;;
    *) break ;;
  esac
done
exec flock /tmp/warmrestarts-heavy.lock \
  dotnet bench/WarmRestarts.Benchmarks/bin/Release/net10.0/WarmRestarts.Benchmarks.dll "$mode" \
  --pytorch "$script" --python /usr/bin/python3 "$@"
