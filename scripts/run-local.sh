#!/usr/bin/env bash
# Runs BalancFunctions on this machine: Azurite and maildev from npm, then the LocalHost on
# http://127.0.0.1:7071, which imports the sample register at start-up. State (Azurite's files,
# the generated token signing key, logs) lives in .localhost/, so a restart resumes every
# orchestration and imports nothing twice. Stop it with Ctrl+C.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
state_dir="$root/.localhost"
mkdir -p "$state_dir"

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
command -v node >/dev/null || { echo "error: Node.js 20 or newer (node) is not on PATH" >&2; exit 1; }
if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ]; then
  echo "Installing Azurite and maildev (npm ci)..."
  npm ci --no-audit --no-fund
fi

# shellcheck source=scripts/local-services.sh
. "$root/scripts/local-services.sh"
localhost_pid=""
cleanup() {
  # The LocalHost's exit status must not end the trap before Azurite and maildev stop.
  if [ -n "$localhost_pid" ]; then
    kill "$localhost_pid" 2>/dev/null || true
    wait "$localhost_pid" 2>/dev/null || true
  fi
  stop_local_services
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

start_local_services

echo "Building the LocalHost..."
dotnet build src/LocalHost -c Release -nologo -v quiet -clp:ErrorsOnly
# The app's own process, not 'dotnet run', so that stopping this script stops the LocalHost too.
(cd src/LocalHost && exec dotnet bin/Release/net10.0/BalancFunctions.LocalHost.dll "$@") &
localhost_pid=$!

healthy=false
for _ in $(seq 1 150); do
  if curl -fsS http://127.0.0.1:7071/api/health >/dev/null 2>&1; then
    healthy=true
    break
  fi
  kill -0 "$localhost_pid" 2>/dev/null || { echo "error: the LocalHost stopped during start-up; see its output above" >&2; exit 1; }
  sleep 0.2
done
if [ "$healthy" != true ]; then
  echo "warning: http://127.0.0.1:7071/api/health did not respond within 30 s. The LocalHost is still starting; check its output above, or that health URL, before using it." >&2
fi

cat <<TEXT

BalancFunctions is running on the sample register.
  API health:        http://127.0.0.1:7071/api/health
  Site:              http://127.0.0.1:7071/
  OTPC dashboard:    http://127.0.0.1:7071/otpc/ (office key: local-otpc-key)
  OTPC agreements:   curl -H 'x-functions-key: local-otpc-key' http://127.0.0.1:7071/api/otpc/agreements
  E-mail (maildev):  http://127.0.0.1:1080/
Stop with Ctrl+C.
TEXT
wait "$localhost_pid"
