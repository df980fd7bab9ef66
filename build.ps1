# Restores the local Cake tool and runs the build. Usage: ./build.ps1 --target=Default --experiment=quickstart
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet cake build/build.cake @args
exit $LASTEXITCODE
