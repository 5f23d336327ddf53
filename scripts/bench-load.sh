#!/usr/bin/env bash
# Runs the load benchmark, bench/Load.Bench, against a system of its own. Each scenario starts a new
# Azurite with its data in a temporary folder, an SMTP server and the LocalHost. The last two run in
# the benchmark's process. All listen on 127.0.0.1 and stop at the end. docs/benchmarks.md
# describes the scenarios.
# Usage: scripts/bench-load.sh [--quick] [--time-limit MINUTES] [options of the benchmark; --help lists them]
# On 2 cores shared with other work, the full run took about 28 minutes and --quick 1 to 3. The
# figures are printed and kept, with the progress lines, in artifacts/bench-load/<UTC time>.txt
# and .json.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund
fi

# Every wait of the run has its own time-out. This bound only catches a hang: 30 minutes, or 4 with
# --quick. A run of 10,000 agreements on Azurite takes hours, so --time-limit raises it.
bound=1800
limit_given=false
help=false
arguments=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time-limit)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "error: --time-limit takes a whole number of minutes" >&2; exit 2; }
      bound=$(($2 * 60))
      limit_given=true
      shift 2
      continue
      ;;
    --quick) [ "$limit_given" = true ] || bound=240 ;;
    --help)
      help=true
      echo "Options of this script: --time-limit MINUTES stops the run after that time (default 30, or 4 with --quick)."
      echo "It passes --out and --pid-file to the benchmark itself. The benchmark's own options follow."
      ;;
  esac
  arguments+=("$1")
  shift
done
set -- "${arguments[@]}"

pid_file=$(mktemp)
cleanup() {
  # The benchmark stops its Azurite processes itself. One that outlived a killed benchmark is
  # stopped here by the id the benchmark recorded, if that process still runs Azurite on a
  # benchmark folder, because the id may belong to another process by now.
  while read -r pid; do
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'azurite.*balanc-load-bench-'; then
      kill "$pid" 2>/dev/null || true
    fi
  done <"$pid_file"
  rm -f "$pid_file"
}
trap cleanup EXIT

echo "Building the benchmark..."
dotnet build bench/Load.Bench -c Release -nologo -v quiet -clp:ErrorsOnly

out_dir="$root/artifacts/bench-load"
mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
status=0
# --foreground keeps the benchmark in this script's process group, so that Ctrl+C reaches it. tee
# ignores Ctrl+C, so that it still records the figures the benchmark prints as it stops.
timeout --foreground --signal=TERM --kill-after=30 "$bound" \
  dotnet bench/Load.Bench/bin/Release/net10.0/BalancFunctions.Load.Bench.dll \
  --out "$out_dir/$stamp.json" --pid-file "$pid_file" "$@" | (trap '' INT; tee "$out_dir/$stamp.txt") || status=$?
# The usage text and invalid options (status 2) are not figures, so nothing of theirs is kept.
if [ "$help" = true ] || [ "$status" -eq 2 ]; then
  rm -f "$out_dir/$stamp.txt"
fi
exit "$status"
