# studio on Windows: create .venv, install the Python packages, open the app on the demo show.
# Usage (PowerShell):  scripts\run.ps1 [SHOW] [--screenshot shot.png]
# Needs Python 3.11+ from python.org (tick "Add python.exe to PATH"). Windows ships SAPI5 voices,
# so no eSpeak install is needed; pyttsx3 2.98 is used there (2.99 skips utterances, upstream #402).
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
$Venv = Join-Path $Root ".venv"
$Py = Join-Path $Venv "Scripts\python.exe"

function Find-Python {
    foreach ($cand in @("py -3.13", "py -3.12", "py -3.11", "python")) {
        $parts = $cand.Split(" ")
        try {
            $ok = & $parts[0] $parts[1..($parts.Length - 1)] -c "import sys; print(sys.version_info >= (3, 11))" 2>$null
            if ($ok -eq "True") { return $parts }
        } catch { }
    }
    throw "Python 3.11 or newer is needed: install it from https://www.python.org/downloads/ and try again."
}

if (-not (Test-Path $Py)) {
    $parts = Find-Python
    Write-Host "studio setup: creating $Venv"
    & $parts[0] $parts[1..($parts.Length - 1)] -m venv $Venv
    if ($LASTEXITCODE -ne 0) { throw "could not create the virtual environment" }
}

$Stamp = Join-Path $Venv ".studio-installed"
$Key = (Get-FileHash (Join-Path $Root "pyproject.toml") -Algorithm SHA256).Hash
if (-not (Test-Path $Stamp) -or (Get-Content $Stamp) -ne $Key) {
    Write-Host "studio setup: installing Python packages (first run takes a few minutes)"
    & $Py -m pip install -q --upgrade pip
    & $Py -m pip install -q -e "$Root[test]"
    if ($LASTEXITCODE -ne 0) { throw "pip install failed (see the messages above)" }
    Set-Content -Path $Stamp -Value $Key
}

& $Py -m studio gui @args
exit $LASTEXITCODE
