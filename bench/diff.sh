#!/usr/bin/env bash
# Times `telc diff` between two commits of the large generated spec (50 clusters, 300 teams, 6,000 rules):
# the head changes a threshold in 30 teams, deletes the alerts of 5 teams and lengthens retention, so every
# cluster changes. Reports wall time and peak memory per format, and the size of the markdown report (which
# must stay under GitHub's 65,536-character comment limit). Usage: bench/diff.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/generate_large_spec.py "$work/repo"
dotnet publish compiler/Telc.Cli -c Release -r linux-x64 -o "$work/telc" --artifacts-path "$work/artifacts" \
  --nologo -v quiet >/dev/null
telc="$work/telc/telc"

cd "$work/repo"
git init -q -b main
git add -A
git -c user.name=bench -c user.email=bench@telc.invalid commit -qm base
for team in $(seq -f 'team-%03g' 0 29); do
  sed -i 's/> 0.01$/> 0.015/' "telemetry/teams/$team/alerts.yaml"
done
for team in $(seq -f 'team-%03g' 30 34); do
  git rm -q "telemetry/teams/$team/alerts.yaml"
done
sed -i 's/time: 15d/time: 20d/' telemetry/backends.yaml
git -c user.name=bench -c user.email=bench@telc.invalid commit -qam head

for format in text markdown json; do
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$telc" diff main~1 main --format "$format" > "$work/out.$format" || true
    read -r seconds kib < "$work/time"
    echo "diff --format $format run $i: ${seconds}s wall, $((kib / 1024)) MiB peak, $(wc -c < "$work/out.$format") bytes"
  done
done
echo "markdown: $(wc -m < "$work/out.markdown") characters (limit 65,536); $(head -1 "$work/out.markdown")"
