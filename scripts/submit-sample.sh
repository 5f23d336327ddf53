#!/usr/bin/env bash
# Posts a sample balance to the running LocalHost with its agreement's token, read from the
# OTPC's view of the agreement, and prints the receipt, or the problems and exit status 1.
# Usage: scripts/submit-sample.sh [FILE]   (default: data/balances/valid-full.json)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
file=${1:-"$root/data/balances/valid-full.json"}
api=${BALANC_API:-http://127.0.0.1:7071}
key=${BALANC_OTPC_KEY:-local-otpc-key}

agreement=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).agreementId)' "$file")
token=$(curl -fsS -H "x-functions-key: $key" "$api/api/otpc/agreements/$agreement" |
  node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => console.log(JSON.parse(s).submissionToken))')
node -e '
  const body = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  body.token = process.argv[2];
  process.stdout.write(JSON.stringify(body));' "$file" "$token" |
  curl -sS --fail-with-body -X POST -H 'Content-Type: application/json' --data-binary @- "$api/api/balances" || { echo; exit 1; }
echo
