using OrthoRebasin.Data;
using OrthoRebasin.Import;
using OrthoRebasin.Manifest;
using OrthoRebasin.Pipeline;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace OrthoRebasin.Cli.Commands;

/// <summary>
/// Aligns the experiments of a manifest, or, with --a and --b, two checkpoints written outside this project
/// (<see cref="CheckpointAlignment"/>).
/// </summary>
public sealed class AlignCommand : StageCommand<AlignSettings>
{
    public override int Execute(CommandContext context, AlignSettings settings, CancellationToken cancellationToken) =>
        settings.Checkpoints ? AlignCheckpoints(settings) : base.Execute(context, settings, cancellationToken);

    internal override int Execute(Workspace workspace, Experiment experiment, AlignSettings settings) =>
        workspace.Execute(experiment, pipeline => pipeline.Align().Count > 0 ? 0 : 1);

    private static int AlignCheckpoints(AlignSettings settings)
    {
        var request = settings.Request() with { Device = Devices.Resolve(settings.Device) };
        if (request.Dataset is { } dataset && DatasetRegistry.Registry.Find(dataset) is null)
        {
            throw new UserErrorException($"--data {dataset}: unknown data set; registered data sets: {string.Join(", ", DatasetRegistry.Registry.Ids)}.");
        }

        set_num_threads(new RunSettings("", settings.Device, settings.Threads).EffectiveThreads);
        try
        {
            CheckpointAlignment.Run(request, Console.WriteLine);
        }
        catch (DatasetNotFoundException ex)
        {
            var dataDir = settings.DataDir is null ? "" : $" --data-dir {settings.DataDir}";
            throw new UserErrorException($"{ex.Message} On the command line: `orthorebasin download {ex.DatasetId}{dataDir}` fetches it, and --data-dir DIR chooses the data folder.", ex);
        }

        var written = new[] { CheckpointAlignment.AlignedPyTorch, CheckpointAlignment.AlignedSafetensors, CheckpointAlignment.Transforms, CheckpointAlignment.Record }
            .Concat(request.Dataset is null ? [] : [CheckpointAlignment.Curves, CheckpointAlignment.Report]);
        Console.WriteLine($"wrote {string.Join(", ", written)} in {request.OutputFolder}");
        return 0;
    }
}
