#!/usr/bin/env bash
# Last step: fails the job as 'fail-on' says, with one line saying why.
set -uo pipefail

reasons=()
case "${VALIDATE_STATUS:-}" in
  0|1) ;;
  *) reasons+=("telc could not validate the spec (exit ${VALIDATE_STATUS:-unknown})") ;;
esac
if [[ "${DIFF_STATUS:-0}" != "0" ]]; then
  reasons+=("a side of the diff does not compile")
fi
if [[ "${STALE:-}" == "true" ]]; then
  reasons+=("the committed rendered manifests are stale")
fi

errors="${ERRORS:-0}"
warnings="${WARNINGS:-0}"
high="${HIGH_RISK:-0}"
case "${FAIL_ON:-error}" in
  never) reasons=() ;;
  error) (( errors > 0 )) && reasons+=("$errors errors") ;;
  warning) (( errors + warnings > 0 )) && reasons+=("$errors errors, $warnings warnings") ;;
  high-risk)
    (( errors > 0 )) && reasons+=("$errors errors")
    (( high > 0 )) && reasons+=("$high high-risk changes")
    ;;
  *) reasons+=("unknown fail-on '${FAIL_ON}' (error, warning, high-risk or never)") ;;
esac

if (( ${#reasons[@]} > 0 )); then
  message="$(IFS=';'; echo "${reasons[*]}")"
  echo "::error title=telc::failing because of ${message//;/, }"
  exit 1
fi
echo "telc: nothing to fail on (fail-on: ${FAIL_ON:-error})"
