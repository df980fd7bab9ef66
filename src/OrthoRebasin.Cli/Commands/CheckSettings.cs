using System.ComponentModel;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

public sealed class CheckSettings : PipelineSettings
{
    [CommandOption("--accept")]
    [Description("Rewrite the baseline from the current results (refused when CI=true).")]
    public bool Accept { get; init; }

    [CommandOption("--baseline <PATH>")]
    [Description("Baseline file (default: tests/baselines/<experiment>.json beside the manifest); its tolerances are read from <name>.tolerances.yaml beside it.")]
    public string? Baseline { get; init; }
}
