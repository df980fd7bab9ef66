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
        var outcome = RegressionCheck.Compare(results, experiment.Entry.Check, baseline);
        Console.WriteLine($"[{experiment.Id}] check: {RegressionCheck.Describe(outcome)}");
        return outcome.Passed ? 0 : 1;
    }
}
