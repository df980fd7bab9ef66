using System.Globalization;
using System.Text;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>Marks an endpoint whose test accuracy is at chance (<see cref="TrainingSummary.IsAtChance"/>).</summary>
    public const string ChanceFlag = "⚠ chance";

    /// <summary>
    /// The endpoints: epochs run, the epoch early stopping kept, its validation loss, test loss and accuracy, and
    /// <see cref="ChanceFlag"/> on an endpoint at chance. A kept epoch below the epochs run means training stopped at the
    /// validation minimum; equal to it means the cap ended training (the validation loss may still have been falling).
    /// </summary>
    private static void AppendTraining(StringBuilder md, IReadOnlyList<TrainingSummary> training)
    {
        if (training.Count == 0)
        {
            return;
        }

        // Imported endpoints are numbered in the order their files first appear; the number names them in pairs (1-2).
        var imported = training.Any(t => t.Checkpoint is not null);
        md.AppendLine(imported ? "## Endpoints (one model per imported checkpoint)" : "## Endpoints (one model per seed)");
        md.AppendLine();
        md.AppendLine(imported
            ? "| endpoint | checkpoint | test loss | test accuracy | seconds | flag |"
            : "| seed | epochs run | kept epoch | validation loss | test loss | test accuracy | seconds | flag |");
        md.AppendLine(imported ? "|---:|---|---:|---:|---:|---|" : "|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var t in training)
        {
            var validation = double.IsNaN(t.ValidationLoss) ? "—" : Number(t.ValidationLoss);
            var flag = t.AtChance ? ChanceFlag : "";
            md.AppendLine(imported
                ? string.Create(CultureInfo.InvariantCulture,
                    $"| {t.Seed} | `{t.Checkpoint}` | {Number(t.TestLoss)} | {t.TestAccuracy:F4} | {t.Seconds:F1} | {flag} |")
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {t.Seed} | {t.EpochsRun} | {t.KeptEpoch} | {validation} | {Number(t.TestLoss)} | {t.TestAccuracy:F4} | {t.Seconds:F1} | {flag} |"));
        }
        md.AppendLine();
        if (training.Any(t => t.AtChance))
        {
            var margin = TrainingSummary.ChanceMargin.ToString(CultureInfo.InvariantCulture);
            md.AppendLine($"{ChanceFlag}: the endpoint's test accuracy is at most 1/classes + {margin} (docs/METHODS.md §8), no better than " +
                          "guessing: it learnt nothing, so every barrier and alignment involving it says nothing about connectivity. Check the " +
                          "recipe (learning rate, epochs) and the model's training.json.");
            md.AppendLine();
        }
    }
}
