#!/usr/bin/env bash
# Restores the local Cake tool and runs the build. Usage: ./build.sh [--target=Default|Reproduce|Test|...] [--experiment=ID] [--tier=quick|full] [--device=cpu|cuda]
set -euo pipefail
cd "$(dirname "$0")"
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"
