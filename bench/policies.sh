#!/usr/bin/env bash
# Cold and warm `telc validate examples/quickstart` with the built-in policy pack: cold compiles the policies
# (empty cache), warm loads the cached assembly. Also the same run without policies for comparison.
# Usage: bench/policies.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet publish compiler/Telc.Cli -c Release -r linux-x64 -o "$work/telc" --artifacts-path "$work/artifacts" --nologo -v quiet >/dev/null
export TELC_CACHE_DIR="$work/cache"
for i in $(seq "$runs"); do
  rm -rf "$TELC_CACHE_DIR"
  /usr/bin/time -f "%e %M" -o "$work/cold" "$work/telc/telc" validate examples/quickstart >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/warm" "$work/telc/telc" validate examples/quickstart >/dev/null
  # A worker that is not there: telc reports TELC405 and runs no policy, which times telc alone.
  TELC_POLICY_WORKER=/nonexistent /usr/bin/time -f "%e %M" -o "$work/none" "$work/telc/telc" validate examples/quickstart >/dev/null || true
  read -r c_s c_k < <(tail -1 "$work/cold"); read -r w_s w_k < <(tail -1 "$work/warm"); read -r n_s n_k < <(tail -1 "$work/none")
  echo "run $i: cold ${c_s}s ($((c_k / 1024)) MiB) — warm ${w_s}s ($((w_k / 1024)) MiB) — without policies ${n_s}s"
done
