using System.ComponentModel;
using OrthoRebasin.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrthoRebasin.Cli.Commands;

/// <summary>Downloads a data set from its official source into the data folder, verifying every file.</summary>
public sealed class DownloadCommand : AsyncCommand<DownloadCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<dataset>")]
        [Description("The data set to download: a registered data set with official sources (`list` shows the data sets; the embedded uci-digits needs none).")]
        public string Dataset { get; init; } = "";

        [CommandOption("--data-dir <DIR>")]
        [Description("The data folder; the set goes into its <dataset>/ sub-folder (default: $ORTHOREBASIN_DATA, else ./data).")]
        public string? DataDir { get; init; }

        public override ValidationResult Validate()
        {
            var downloadable = DatasetRegistry.Downloads.Keys.ToList();
            return downloadable.Contains(Dataset, StringComparer.Ordinal)
                ? ValidationResult.Success()
                : ValidationResult.Error($"<dataset> '{Dataset}': expected one of {string.Join(", ", downloadable)}.");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // The first search root is where the loaders look first when no --data-dir is given.
        var dataDir = new DataLocation(settings.DataDir).SearchRoots()[0];
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) };
        using var http = new HttpClient(handler);
        var downloader = new DatasetDownloader(http);
        string folder;
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            folder = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async progressContext =>
                {
                    var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    var progress = new InlineProgress<DatasetDownloadProgress>(p =>
                    {
                        if (!tasks.TryGetValue(p.FileName, out var task))
                        {
                            task = progressContext.AddTask(Markup.Escape(p.FileName), maxValue: p.Total ?? 1);
                            tasks[p.FileName] = task;
                        }

                        task.MaxValue = Math.Max(p.Total ?? p.Received, 1);
                        task.Value = p.Received;
                        if (p.Finished is not null)
                        {
                            task.Description = Markup.Escape($"{p.FileName}: {p.Finished}");
                            task.StopTask();
                        }
                    });
                    return await downloader.DownloadAsync(settings.Dataset, dataDir, progress, cancellationToken);
                });
        }
        else
        {
            var progress = new InlineProgress<DatasetDownloadProgress>(p =>
            {
                if (p.Finished is not null)
                {
                    Console.WriteLine($"{p.FileName}: {p.Finished} ({p.Received:N0} bytes)");
                }
            });
            folder = await downloader.DownloadAsync(settings.Dataset, dataDir, progress, cancellationToken);
        }

        Console.WriteLine($"{settings.Dataset} is ready in {folder}");
        return 0;
    }
}
