# Sourced by the process-level benchmarks (quickstart.sh, memory.sh) after their options are parsed ($build, $keep):
# moves to the repository root (the CLI finds experiments.yaml from there), builds the Release CLI unless
# --no-build, and makes the empty artifacts and log folders of a cold run, removed on exit unless --keep.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ((build)); then
  dotnet build -c Release src/OrthoRebasin.Cli -v quiet -nologo >/dev/null
fi
# The build says where the CLI is, so the target framework is written in one place (Directory.Build.props).
cli=$(dotnet msbuild src/OrthoRebasin.Cli -getProperty:TargetPath -p:Configuration=Release)

artifacts=$(mktemp -d)
logs=$(mktemp -d)
cleanup() { if ((keep)); then echo "artifacts kept in $artifacts, logs in $logs"; else rm -rf "$artifacts" "$logs"; fi; }
trap cleanup EXIT
