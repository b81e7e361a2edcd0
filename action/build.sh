#!/usr/bin/env bash
# Step 1 of action.yml: the telc executable the other steps run, given (input 'telc') or built natively from the
# action's own source, so the action and the compiler are always the same version.
set -euo pipefail

if [[ -n "${TELC_INPUT:-}" ]]; then
  telc="$TELC_INPUT"
  if [[ ! -x "$telc" ]]; then
    echo "::error title=telc::the 'telc' input '$telc' is not an executable file"
    exit 1
  fi
else
  case "${RUNNER_ARCH:-X64}" in
    ARM64) rid=linux-arm64 ;;
    *) rid=linux-x64 ;;
  esac
  out="${RUNNER_TEMP:?}/telc"
  echo "building telc ($rid) from $GITHUB_ACTION_PATH"
  dotnet publish "$GITHUB_ACTION_PATH/compiler/Telc.Cli" -c Release -r "$rid" -o "$out" --nologo -v quiet
  telc="$out/telc"
fi

"$telc" --version
echo "path=$telc" >> "$GITHUB_OUTPUT"
