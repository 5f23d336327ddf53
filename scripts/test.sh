#!/usr/bin/env bash
# Runs every test of the solution. The tests start what they need themselves: Azurite from
# node_modules (installed here when missing), an in-process SMTP server and the LocalHost.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# npm records what it installed in node_modules/.package-lock.json: reinstall when the lock file is newer.
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the npm packages the tests use (npm ci)..."
  npm ci --no-audit --no-fund
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test BalancFunctions.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed from each test project's line.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$skipped" -ne 0 ]; then
  echo "error: $skipped tests were skipped; every test must run" >&2
  status=1
fi
exit "$status"
