# Sourced by the process-level benchmarks (quickstart.sh, memory.sh) after their options are parsed ($build, $keep):
# moves to the repository root (the CLI finds experiments.yaml from there), builds the Release CLI unless
# --no-build, and makes the empty artifacts and log folders of a cold run, removed on exit unless --keep.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cli=src/OrthoRebasin.Cli/bin/Release/net10.0/OrthoRebasin.Cli.dll
if ((build)); then
  dotnet build -c Release src/OrthoRebasin.Cli -v quiet -nologo >/dev/null
fi

artifacts=$(mktemp -d)
logs=$(mktemp -d)
cleanup() { if ((keep)); then echo "artifacts kept in $artifacts, logs in $logs"; else rm -rf "$artifacts" "$logs"; fi; }
trap cleanup EXIT
