#!/usr/bin/env bash
# Times the OTPC's queries on the read model against a full scan of the agreements table and
# writes the results into docs/benchmarks.md. It starts its own Azurite Table service on
# 127.0.0.1, on a free port with a temporary folder, and stops it and removes the folder on exit.
#
# Usage: scripts/bench-readmodel.sh [--agreements N] [--iterations N] [--warmups N] [--no-doc]
#   The default run (10,000 agreements, 3 warm-ups and 20 timed runs of each query) takes about
#   10 minutes on 2 cores.
#   A smoke run that writes no file: scripts/bench-readmodel.sh --agreements 500 --iterations 3 --no-doc
#
# BENCH_MAX_MINUTES (default 20) bounds the benchmark's run time, after which it is stopped.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# npm records what it installed in node_modules/.package-lock.json, so reinstall when the lock file is newer.
if [ ! -x node_modules/.bin/azurite-table ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund
fi

max_minutes=${BENCH_MAX_MINUTES:-20}
workdir=$(mktemp -d)
azurite_pid=
stop_azurite() {
  if [ -n "$azurite_pid" ]; then
    kill "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap stop_azurite EXIT

echo "Building bench/ReadModel.Bench..."
dotnet build bench/ReadModel.Bench -c Release --nologo -v quiet -clp:ErrorsOnly

# Ask the kernel for a free loopback port, then start Azurite's Table service on it, in the
# temporary folder. It keeps the tables in memory (it rejects --location with that option), so
# that saving its database to disk does not pause it while queries are timed.
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
(cd "$workdir" && exec "$root/node_modules/.bin/azurite-table" --silent --inMemoryPersistence \
  --tableHost 127.0.0.1 --tablePort "$port" --skipApiVersionCheck --disableTelemetry >"$workdir/azurite.log" 2>&1) &
azurite_pid=$!
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  if ! kill -0 "$azurite_pid" 2>/dev/null; then
    echo "error: Azurite exited before opening port $port:" >&2
    cat "$workdir/azurite.log" >&2
    exit 1
  fi
  sleep 0.2
done
azurite_version=$(node -p 'require("./node_modules/azurite/package.json").version')
echo "Azurite $azurite_version listens on 127.0.0.1:$port (pid $azurite_pid)."

status=0
timeout --kill-after=30s "${max_minutes}m" \
  dotnet bench/ReadModel.Bench/bin/Release/net10.0/BalancFunctions.ReadModel.Bench.dll \
  --table-port "$port" --azurite-version "$azurite_version" \
  --command "scripts/bench-readmodel.sh${*:+ $*}" --doc docs/benchmarks.md "$@" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "error: the benchmark timed out after $max_minutes minutes and was stopped. Run it with fewer --agreements or --iterations, or raise BENCH_MAX_MINUTES." >&2
fi
exit "$status"
