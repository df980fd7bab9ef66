using System.ComponentModel;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>Options shared by every stage command. Option names are the ones the Cake build passes through.</summary>
public class PipelineSettings : CommandSettings
{
    [CommandOption("-e|--experiment <ID>")]
    [Description("Experiment id from the manifest; a sweep's id selects every point of it (default: quickstart, unless --tier or --all is given).")]
    public string? Experiment { get; init; }

    [CommandOption("--tier <TIER>")]
    [ChoicesDescription<Tier>("Run every experiment of this tier")]
    [TypeConverter(typeof(ChoiceConverter<Tier>))]
    public Tier? Tier { get; init; }

    [CommandOption("--all")]
    [Description("Run every experiment of the manifest.")]
    public bool All { get; init; }

    [CommandOption("-m|--manifest <PATH>")]
    [Description("The experiments manifest (default: experiments.yaml in the current folder or the nearest parent).")]
    public string? Manifest { get; init; }

    [CommandOption("--artifacts <DIR>")]
    [Description("The folder where outputs go, created when missing (default: artifacts/ beside the manifest).")]
    public string? Artifacts { get; init; }

    [CommandOption("--device <DEVICE>")]
    [ChoicesDescription<ComputeDevice>("Where tensors are computed")]
    [TypeConverter(typeof(ChoiceConverter<ComputeDevice>))]
    [DefaultValue("cpu")]
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>The most intra-op threads --threads takes.</summary>
    public const int MaxThreads = 1024;

    [CommandOption("--threads <N>")]
    [Description("Intra-op threads, at most 1024 (default: one per core). Recorded in provenance; part of the training cache key.")]
    public int Threads { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Folder of pre-downloaded data sets (the embedded UCI digits need none).")]
    public string? DataDir { get; init; }

    /// <summary>What Spectre gives a bare --wait (the option's default value): wait as long as the bound allows.</summary>
    private const int WaitLongest = -1;

    [CommandOption("--wait [SECONDS]")]
    [Description("When another run holds the experiment's lock, wait up to SECONDS for it (at most 604800, 7 days; --wait alone: 7 days) instead of stopping at once.")]
    [DefaultValue(WaitLongest)]
    public FlagValue<int>? Wait { get; init; }

    /// <summary>How long to wait for the lock: zero without --wait (refuse at once, as with --wait 0), the bound for a bare --wait.</summary>
    public TimeSpan LockWait => Wait switch
    {
        { IsSet: true, Value: WaitLongest } => TimeSpan.FromSeconds(RunLock.MaxWaitSeconds),
        { IsSet: true, Value: var seconds } => TimeSpan.FromSeconds(seconds),
        _ => TimeSpan.Zero,
    };

    public override ValidationResult Validate()
    {
        if (Wait is { IsSet: true } wait && wait.Value != WaitLongest && (wait.Value < 0 || wait.Value > RunLock.MaxWaitSeconds))
        {
            return ValidationResult.Error(
                $"--wait {wait.Value}: expected 0 to {RunLock.MaxWaitSeconds} seconds (7 days), or --wait alone for the longest wait.");
        }

        if (Threads < 0)
        {
            return ValidationResult.Error($"--threads {Threads}: expected a positive number, or 0 for one per core.");
        }

        if (Threads > MaxThreads)
        {
            return ValidationResult.Error(
                $"--threads {Threads}: expected at most {MaxThreads}; threads beyond the cores only contend, and the count is part of the training cache key. Use 0 for one per core.");
        }

        if (new[] { Experiment is not null, Tier is not null, All }.Count(x => x) > 1)
        {
            return ValidationResult.Error("Give at most one of --experiment, --tier and --all.");
        }

        if (DataDir is not null && !Directory.Exists(DataDir))
        {
            return ValidationResult.Error($"--data-dir '{DataDir}': no such folder.");
        }

        return ValidationResult.Success();
    }
}
