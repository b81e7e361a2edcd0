#!/usr/bin/env bash
# Process-level comparison on the PromQL corpus (2,773 expressions): `promtool check rules` and `telc promql check`
# on the same rule file, and `telc validate` on a spec holding the same expressions as recording rules (which also
# reads and checks the spec). Usage: bench/promql.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=../shared/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$corpus" "$work" <<'PY'
import json, os, sys
corpus, work = sys.argv[1], sys.argv[2]
exprs = [l.rstrip("\n") for l in open(os.path.join(corpus, "promql", "expressions.txt"), encoding="utf-8") if l.strip()]
with open(os.path.join(corpus, "promql-testdata", "promqltest-queries.tsv"), encoding="utf-8") as f:
    next(f)
    exprs += [l.rstrip("\n").split("\t")[4] for l in f]
json.dump({"groups": [{"name": "corpus", "rules": [{"record": f"bench_{i}", "expr": e} for i, e in enumerate(exprs)]}]},
          open(os.path.join(work, "rules.json"), "w"))
os.makedirs(os.path.join(work, "spec", "telemetry"))
with open(os.path.join(work, "spec", "telemetry", "spec.yaml"), "w", encoding="utf-8") as out:
    out.write("apiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: {} }\n---\n")
    out.write("apiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata: { name: corpus }\nspec:\n  rules:\n")
    for i, e in enumerate(exprs):
        out.write(f"    - record: bench_{i}\n      expr: {json.dumps(e)}\n")
print(f"{len(exprs)} expressions")
PY

# The native (AOT) build, as bench/run.sh; needs clang.
dotnet publish compiler/Telc.Cli -c Release -r linux-x64 -o "$work/telc" --artifacts-path "$work/artifacts" --nologo -v quiet >/dev/null
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/t1" promtool check rules "$work/rules.json" >/dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$work/t2" "$work/telc/telc" promql check "$work/rules.json" >/dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$work/t3" "$work/telc/telc" validate "$work/spec" >/dev/null 2>&1 || true
  read -r p_s p_k < <(tail -1 "$work/t1")
  read -r c_s c_k < <(tail -1 "$work/t2")
  read -r v_s v_k < <(tail -1 "$work/t3")
  echo "run $i: promtool check rules ${p_s}s ($((p_k / 1024)) MiB) — telc promql check ${c_s}s ($((c_k / 1024)) MiB) — telc validate ${v_s}s ($((v_k / 1024)) MiB)"
done
