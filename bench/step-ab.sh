#!/usr/bin/env bash
# The step suite of an earlier commit against the working tree, alternated in one hold of
# /tmp/warmrestarts-heavy.lock (before, after, before, after, ...), so that both sides see the same machine.
# Usage: bench/step-ab.sh COMMIT [ROUNDS] [OUT] [FILTER]
#   COMMIT  the "before" side (built from a clean copy in OUT/before-src)
#   ROUNDS  alternations, default 2; OUT default /tmp/warmrestarts-step-ab; FILTER default '*SchedulerStepBenchmarks*'
# Prints each run's table; OUT/times.txt has the start time and load average of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
before="${1:?usage: bench/step-ab.sh COMMIT [ROUNDS] [OUT] [FILTER]}"
rounds="${2:-2}"
out="${3:-/tmp/warmrestarts-step-ab}"
filter="${4:-*SchedulerStepBenchmarks*}"
export OMP_WAIT_POLICY=PASSIVE DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$out"
rm -rf "$out/before-src"
git worktree add --force --detach "$out/before-src" "$before" >/dev/null
trap 'git worktree remove --force "$out/before-src" >/dev/null 2>&1 || true' EXIT
dotnet build "$out/before-src/bench/WarmRestarts.Benchmarks" -c Release -v quiet -nologo >"$out/build-before.log"
dotnet build bench/WarmRestarts.Benchmarks -c Release -v quiet -nologo >"$out/build-after.log"
job=(--launchCount 1 --warmupCount 3 --iterationCount 10 --iterationTime 250)
exec 9>/tmp/warmrestarts-heavy.lock
flock 9
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    dir="$PWD"
    [ "$side" = before ] && dir="$out/before-src"
    echo "$side round $round $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/times.txt"
    (cd "$dir" && dotnet bench/WarmRestarts.Benchmarks/bin/Release/net10.0/WarmRestarts.Benchmarks.dll \
      --filter "$filter" "${job[@]}" --artifacts "$out/$side$round" >"$out/$side$round.log" 2>&1)
    grep -E '^\| (Method|[A-Z])' "$out/$side$round.log" | cut -d'|' -f2-5
  done
done
