using OrthoRebasin;
using OrthoRebasin.Cli;
using OrthoRebasin.Cli.Commands;
using OrthoRebasin.Pipeline;
using Spectre.Console.Cli;

NativeHeap.CapMmapThreshold();
// Before the first tensor loads libtorch: a short spin, so its threads do not collapse when the cores are shared.
OpenMpWaiting.Apply();

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("orthorebasin");
    config.PropagateExceptions();
    // A misspelt option must not be ignored: `--experimnet x` would otherwise run the default experiment.
    config.UseStrictParsing();
    config.AddCommand<RunCommand>("run").WithDescription("Run every stage: train, align, interpolate, results, plot, report.");
    config.AddCommand<TrainCommand>("train").WithDescription("Train (or reuse) one model per seed.");
    config.AddCommand<AlignCommand>("align").WithDescription("Align B onto A with every method of the recipe (trains what is missing).");
    config.AddCommand<InterpolateCommand>("interpolate").WithDescription("Evaluate loss and accuracy along every path; write results.json and results.csv.");
    config.AddCommand<PlotCommand>("plot").WithDescription("Draw the figures from results.json.");
    config.AddCommand<ReportCommand>("report").WithDescription("Write report.md from results.json and the figures.");
    config.AddCommand<TolerancesCommand>("tolerances").WithDescription("Derive check tolerances from the seed-to-seed spread of an experiment's results; print them, or write them beside the baseline.");
    config.AddCommand<CombineCommand>("combine").WithDescription("Gather every results.json under the given folders into one report across experiments.");
    config.AddCommand<CheckCommand>("check").WithDescription("Compare results with the recorded baseline within the tolerances written beside it.");
    config.AddCommand<MatrixCommand>("matrix").WithDescription("Print the selected experiments as a GitHub Actions matrix (JSON).");
    config.AddCommand<DownloadCommand>("download").WithDescription("Download a registered data set from its official sources, verifying every file (list shows the data sets).");
    config.AddCommand<ListCommand>("list").WithDescription("List experiments, methods, paths, data sets and models.");
});
return ErrorReporting.Run(() => app.Run(AlignSettings.Normalise(args)));
