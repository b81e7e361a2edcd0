#!/usr/bin/env bash
# Step 5 (with comment: true): posts the report as one pull-request comment, updated in place on re-runs.
set -uo pipefail

if [[ "${COMMENT:-false}" != "true" ]]; then
  exit 0
fi

if ! "$TELC" github comment --body-file "$REPORT"; then
  echo "::warning title=telc::the pull-request comment could not be posted (see the message above); the report is in the job summary"
fi
