#!/usr/bin/env bash
# Step 4: renders base and head, writes the markdown report, and puts it in the job summary.
set -uo pipefail

source "$(dirname "$0")/lib.sh"

report="${RUNNER_TEMP:?}/telc-report.md"
diff_report="${RUNNER_TEMP}/telc-diff.md"
diff_errors="${RUNNER_TEMP}/telc-diff.err"
rm -f "$diff_report"
status=0
if [[ -n "${BASE_MISSING:-}" ]]; then
  echo "### telc diff: not run, the base commit \`$BASE_MISSING\` is not in the clone (use \`fetch-depth: 0\`)" > "$diff_report"
elif [[ -n "${BASE:-}" ]]; then
  "$TELC" diff "$BASE" --path "$SPEC_PATH" --format markdown --report "$diff_report" --outputs "$GITHUB_OUTPUT" 2> "$diff_errors" || status=$?
  cat "$diff_errors" >&2
  if [[ ! -s "$diff_report" ]]; then
    { echo "### telc diff could not run (exit $status)"; echo; echo '```'; cat "$diff_errors"; echo '```'; } > "$diff_report"
  fi
else
  echo "### telc diff: no base to compare with (not a pull request, and no 'base' input)" > "$diff_report"
fi

{
  echo "## telc"
  echo
  echo "Validation of the head: **$(plural "${ERRORS:-}" error)**, $(plural "${WARNINGS:-}" warning) (shown as annotations on the files)."
  case "${STALE:-}" in
    true) echo; echo "**The committed rendered manifests are stale**: run \`telc render\` and commit the result." ;;
    false) echo; echo "The committed rendered manifests are up to date." ;;
  esac
  echo
  cat "$diff_report"
} > "$report"

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  cat "$report" >> "$GITHUB_STEP_SUMMARY"
fi
echo "report=$report" >> "$GITHUB_OUTPUT"
echo "status=$status" >> "$GITHUB_OUTPUT"
