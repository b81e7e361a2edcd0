#!/usr/bin/env bash
# Step 3 (with check-rendered: true): are the committed rendered manifests what the spec renders to?
set -uo pipefail

if [[ "${CHECK_RENDERED:-false}" != "true" ]]; then
  exit 0
fi

status=0
"$TELC" render "$SPEC_PATH" --check || status=$?
case "$status" in
  0) echo "stale=false" >> "$GITHUB_OUTPUT" ;;
  2)
    echo "stale=true" >> "$GITHUB_OUTPUT"
    echo "::error title=telc::the committed rendered manifests are stale; run 'telc render $SPEC_PATH' and commit the result"
    ;;
  *) echo "stale=" >> "$GITHUB_OUTPUT" ;;
esac
