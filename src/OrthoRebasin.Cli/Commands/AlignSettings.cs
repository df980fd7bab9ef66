using System.ComponentModel;
using OrthoRebasin.Import;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>The stage options, and those of aligning two checkpoints without a manifest (--a and --b).</summary>
public sealed class AlignSettings : PipelineSettings
{
    [CommandOption("-a|--checkpoint-a <PATH>")]
    [Description("Checkpoint A (a PyTorch state dict .pt/.pth/.bin, or .safetensors): align B onto it without a manifest. Needs --b, --model and --method.")]
    public string? A { get; init; }

    [CommandOption("-b|--checkpoint-b <PATH>")]
    [Description("Checkpoint B, aligned onto A and written back under its own names and dtypes.")]
    public string? B { get; init; }

    [CommandOption("--model <YAML>")]
    [Description("The checkpoints' model, as a recipe's model: e.g. \"{ architecture: mlp, hidden: [512, 512, 512] }\".")]
    public string? Model { get; init; }

    [CommandOption("--method <ID>")]
    [Description("A registered alignment method (`orthorebasin list` shows them), e.g. weight-matching.")]
    public string? Method { get; init; }

    [CommandOption("--method-options <YAML>")]
    [Description("The method's options, as a recipe's method options: e.g. \"{ max_iter: 50 }\".")]
    public string? MethodOptions { get; init; }

    [CommandOption("--mapping <FILE>")]
    [Description("A YAML file mapping checkpoint names to the model's ('name: null' drops a tensor), for layouts not recognised.")]
    public string? Mapping { get; init; }

    [CommandOption("--data <DATASET>")]
    [Description("A registered data set: sizes the model, gives the probe batch, and evaluates the linear path on its test split.")]
    public string? Data { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where b_aligned.pt, b_aligned.safetensors, transforms.safetensors, alignment.json (and with --data curves.csv and report.md) go (default: ./aligned).")]
    public string? Out { get; init; }

    [CommandOption("--lambdas <N>")]
    [Description("Points of the λ grid of the linear path, from 0 to 1 (default: 11).")]
    [DefaultValue(11)]
    public int Lambdas { get; init; } = 11;

    [CommandOption("--standardise")]
    [Description("Standardise every input channel by the mean and std of the data set's training split, as models trained on normalised inputs expect (needs --data).")]
    public bool Standardise { get; init; }

    /// <summary>
    /// The command line with <c>--a</c> and <c>--b</c> read as <c>-a</c> and <c>-b</c>: the parser takes no long option of
    /// one letter, and the checkpoints are A and B wherever the project speaks of them.
    /// </summary>
    public static string[] Normalise(string[] args) =>
        args.Length > 0 && args[0] == "align"
            ? [.. args.Select(a => a switch
            {
                "--a" => "-a",
                "--b" => "-b",
                _ when a.StartsWith("--a=", StringComparison.Ordinal) || a.StartsWith("--b=", StringComparison.Ordinal) => a[1..],
                _ => a,
            })]
            : args;

    /// <summary>Whether the command aligns two checkpoints instead of a manifest's experiments.</summary>
    public bool Checkpoints => A is not null || B is not null;

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } failed)
        {
            return failed;
        }

        if (!Checkpoints)
        {
            var stray = new[] { ("--model", Model), ("--method", Method), ("--method-options", MethodOptions), ("--mapping", Mapping), ("--data", Data), ("--out", Out) }
                .FirstOrDefault(o => o.Item2 is not null).Item1;
            stray ??= Standardise ? "--standardise" : null;
            return stray is null && Lambdas == 11
                ? ValidationResult.Success()
                : ValidationResult.Error($"{stray ?? "--lambdas"} applies to aligning two checkpoints: give --a A.pt --b B.pt with it, or leave it out to align the manifest's experiments.");
        }

        if (A is null || B is null)
        {
            return ValidationResult.Error($"{(A is null ? "--b" : "--a")} needs {(A is null ? "--a" : "--b")}: give both checkpoints, e.g. --a a.pt --b b.pt (B is aligned onto A).");
        }

        var manifestOption = new[] { ("--experiment", Experiment is not null), ("--tier", Tier is not null), ("--all", All), ("--manifest", Manifest is not null), ("--artifacts", Artifacts is not null) }
            .FirstOrDefault(o => o.Item2).Item1;
        if (manifestOption is not null)
        {
            return ValidationResult.Error($"{manifestOption} selects a manifest's experiments, but --a and --b align two checkpoints without one: give one or the other (--out DIR chooses where the aligned checkpoint goes).");
        }

        if (Model is null)
        {
            return ValidationResult.Error("--a and --b need --model, the checkpoints' model as a recipe writes it, e.g. --model \"{ architecture: mlp, hidden: [512, 512, 512] }\".");
        }

        if (Method is null)
        {
            return ValidationResult.Error("--a and --b need --method, a registered alignment method, e.g. --method weight-matching (`orthorebasin list` shows them).");
        }

        return Lambdas < 2
            ? ValidationResult.Error($"--lambdas {Lambdas}: the grid needs at least its two endpoints, 0 and 1; 11 (the default) has λ = ½ for the midpoint metrics.")
            : ValidationResult.Success();
    }

    /// <summary>The request these options describe; the model, method and mapping are bound here, so their errors name their option.</summary>
    internal CheckpointAlignmentRequest Request() => new(
        A!, B!, OrthoRebasin.Manifest.InlineSpecs.Model(Model!), OrthoRebasin.Manifest.InlineSpecs.Method(Method!, MethodOptions), Out ?? "aligned")
    {
        Mapping = Mapping is null ? null : NameMapping.Explicit(OrthoRebasin.Manifest.InlineSpecs.NameMapping(Mapping)),
        Dataset = Data,
        DataDir = DataDir,
        Lambdas = Lambdas,
        Standardise = Standardise,
    };
}
