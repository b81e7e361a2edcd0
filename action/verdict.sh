#!/usr/bin/env bash
# Last step: fails the job as 'fail-on' says, with one line saying why.
set -uo pipefail

source "$(dirname "$0")/lib.sh"

reasons=()
case "${VALIDATE_STATUS:-}" in
  0|1) ;;
  *) reasons+=("telc could not validate the spec (exit ${VALIDATE_STATUS:-unknown})") ;;
esac
if [[ -n "${BASE_MISSING:-}" ]]; then
  reasons+=("the base commit is not in the clone")
fi
case "${DIFF_STATUS:-0}" in
  0) ;;
  1)
    # A head that does not compile is counted in its errors; a base that does not compile is no fault of the pull request.
    if [[ "${BASE_STATUS:-}" == "failed" ]]; then
      echo "::warning title=telc::the base does not compile with this telc, so there is no diff; the head is judged on its own"
    fi
    ;;
  *) reasons+=("telc diff could not run (exit $DIFF_STATUS)") ;;
esac
if [[ "${STALE:-}" == "true" ]]; then
  reasons+=("the committed rendered manifests are stale")
fi

errors="${ERRORS:-0}"
warnings="${WARNINGS:-0}"
high="${HIGH_RISK:-0}"
# "unknown" when a side does not compile: that side's errors decide then.
[[ "$high" =~ ^[0-9]+$ ]] || high=0
case "${FAIL_ON:-error}" in
  never) reasons=() ;;
  error) (( errors > 0 )) && reasons+=("$(plural "$errors" error)") ;;
  warning) (( errors + warnings > 0 )) && reasons+=("$(plural "$errors" error), $(plural "$warnings" warning)") ;;
  high-risk)
    (( errors > 0 )) && reasons+=("$(plural "$errors" error)")
    (( high > 0 )) && reasons+=("$(plural "$high" "high-risk change")")
    ;;
  *) reasons+=("unknown fail-on '${FAIL_ON}' (error, warning, high-risk or never)") ;;
esac

if (( ${#reasons[@]} > 0 )); then
  message="$(IFS=';'; echo "${reasons[*]}")"
  echo "::error title=telc::failing because of ${message//;/, }"
  exit 1
fi
echo "telc: nothing to fail on (fail-on: ${FAIL_ON:-error})"
