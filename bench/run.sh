#!/usr/bin/env bash
# Times `telc validate` and `telc render` on a large generated spec (50 clusters, 300 teams,
# 6,000 alert rules) and reports wall time and peak memory. Usage: bench/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/generate_large_spec.py "$work/spec"
# The native (AOT) build users install: no JIT, start-up in milliseconds. Needs clang (Debian package clang).
dotnet publish compiler/Telc.Cli -c Release -r linux-x64 -o "$work/telc" --artifacts-path "$work/artifacts" \
  --nologo -v quiet >/dev/null
files=$(find "$work/spec" -name '*.yaml' | wc -l)
bytes=$(du -sb "$work/spec" | cut -f1)
echo "spec: $files files, $((bytes / 1024)) KiB"

# Policies compile once into the cache; every timed run below is warm.
export TELC_CACHE_DIR="$work/cache"
"$work/telc/telc" validate examples/quickstart > /dev/null
/usr/bin/time -f "%e %M" -o "$work/time" "$work/telc/telc" validate examples/quickstart > "$work/out"
read -r seconds kib < "$work/time"
echo "quickstart: $(tail -1 "$work/out") — ${seconds}s wall, $((kib / 1024)) MiB peak"
# render runs the policies too, as validate does.
/usr/bin/time -f "%e %M" -o "$work/time" "$work/telc/telc" render examples/quickstart -o "$work/quickstart" > "$work/out"
read -r seconds kib < "$work/time"
echo "quickstart render: $(tail -1 "$work/out") — ${seconds}s wall, $((kib / 1024)) MiB peak"

for command in validate render; do
  for i in $(seq "$runs"); do
    rm -rf "$work/rendered"
    extra=()
    [ "$command" = render ] && extra=(-o "$work/rendered")
    /usr/bin/time -f "%e %M" -o "$work/time" "$work/telc/telc" "$command" "$work/spec" "${extra[@]}" > "$work/out" || true
    read -r seconds kib < "$work/time"
    echo "$command run $i: $(tail -1 "$work/out") — ${seconds}s wall, $((kib / 1024)) MiB peak"
  done
done
[ -d "$work/rendered" ] && echo "rendered tree: $(find "$work/rendered" -type f | wc -l) files, $(du -sm "$work/rendered" | cut -f1) MiB"
