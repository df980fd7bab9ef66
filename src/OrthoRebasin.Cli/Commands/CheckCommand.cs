using OrthoRebasin.Check;
using OrthoRebasin.Manifest;

namespace OrthoRebasin.Cli.Commands;

/// <summary>Exit 0 when every checked number is within tolerance of the baseline, 1 otherwise (listing each one).</summary>
public sealed class CheckCommand : StageCommand<CheckSettings>
{
    internal override int Execute(Workspace workspace, Experiment experiment, CheckSettings settings)
    {
        var results = workspace.ReadResults(experiment);
        var baseline = settings.Baseline ?? workspace.BaselinePath(experiment);
        if (settings.Accept)
        {
            RegressionCheck.Accept(results, baseline);
            Console.WriteLine($"[{experiment.Id}] baseline written: {baseline}");
            return 0;
        }
        var outcome = RegressionCheck.Compare(results, baseline);
        Console.WriteLine($"[{experiment.Id}] check: {RegressionCheck.Describe(outcome)}");
        if (!outcome.Passed && !File.Exists(baseline))
        {
            Console.WriteLine($"[{experiment.Id}] accept it: orthorebasin check --experiment {experiment.Id} --accept");
        }
        else if (!outcome.Passed && !File.Exists(ToleranceFile.PathFor(baseline)))
        {
            Console.WriteLine($"[{experiment.Id}] derive them: {DeriveCommand(experiment)}");
        }

        return outcome.Passed ? 0 : 1;
    }

    // The library says what to do; the command line can also say how to type it.
    private static string DeriveCommand(Experiment experiment) =>
        $"orthorebasin tolerances --experiment {experiment.Id} --write" +
        (experiment.Entry.PairCount < 2 ? " --from <an experiment of the same recipe with two or more seed pairs>" : "");
}
