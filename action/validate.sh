#!/usr/bin/env bash
# Step 2: validates the head's spec, with the project's policies read from the base so a pull request cannot
# loosen them, as annotations (and SARIF when asked). Never fails the step: the verdict step decides.
set -uo pipefail

base="${INPUT_BASE:-${PR_BASE_SHA:-}}"
trusted=()
changed=()
if [[ -n "$base" ]]; then
  if git rev-parse --verify --quiet "$base^{commit}" > /dev/null; then
    merge_base="$(git merge-base "$base" HEAD)" || merge_base="$base"
    echo "base=$merge_base" >> "$GITHUB_OUTPUT"
    trusted=(--trusted-policies-ref "$merge_base")
    changed=(--changed-since "$merge_base")
  else
    # Validate the head anyway; the verdict fails the job, so a missing base never passes unchecked policies.
    echo "::error title=telc::the base commit '$base' is not in this clone (check out with actions/checkout and 'fetch-depth: 0'); the head is validated with its own policies and not diffed"
    echo "base-missing=$base" >> "$GITHUB_OUTPUT"
  fi
fi

status=0
"$TELC" validate "$SPEC_PATH" --format github "${trusted[@]}" "${changed[@]}" --outputs "$GITHUB_OUTPUT" || status=$?
if [[ -n "${SARIF:-}" ]]; then
  # Exit 1 only says the spec has problems: the report is written all the same.
  sarif_status=0
  "$TELC" validate "$SPEC_PATH" --format sarif --report "$SARIF" "${trusted[@]}" > /dev/null || sarif_status=$?
  if [[ $sarif_status -gt 1 || ! -s "$SARIF" ]]; then
    echo "::warning title=telc::SARIF could not be written to '$SARIF' (telc exited $sarif_status)"
  fi
fi
echo "status=$status" >> "$GITHUB_OUTPUT"
