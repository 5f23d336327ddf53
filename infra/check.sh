#!/usr/bin/env bash
# Lints every .bicep file under infra/ and builds main.bicep, which compiles every module it
# uses, with the Bicep CLI from NuGet (offline once restored). infra/bicep/bicepconfig.json
# raises the linter rules to errors, and any warning still printed fails this script too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

dotnet restore infra/tools/BicepTool.proj --nologo -v quiet
package_dir=$(dotnet msbuild infra/tools/BicepTool.proj -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)
bicep="$package_dir/tools/bicep"
# Set the executable bit in case the package extraction dropped it.
[ -x "$bicep" ] || chmod +x "$bicep"
"$bicep" --version

output=$(mktemp -d)
trap 'rm -rf "$output"' EXIT
status=0
while IFS= read -r file; do
  log="$output/$(basename "$file").log"
  if ! "$bicep" lint "$file" >"$log" 2>&1; then
    status=1
  fi
  if grep -q "Warning" "$log"; then
    status=1
  fi
  cat "$log"
done < <(find infra -name '*.bicep' -not -path '*/obj/*' | sort)

"$bicep" build infra/bicep/main.bicep --outdir "$output" >"$output/build.log" 2>&1 || status=1
grep -q "Warning" "$output/build.log" && status=1
cat "$output/build.log"

if [ "$status" -ne 0 ]; then
  echo "error: bicep build or lint reported an error or a warning (see above)" >&2
else
  echo "Bicep: every file under infra/ builds and lints clean."
fi
exit "$status"
