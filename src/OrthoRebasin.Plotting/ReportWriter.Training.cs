using System.Globalization;
using System.Text;
using OrthoRebasin.Results;

namespace OrthoRebasin.Plotting;

public static partial class ReportWriter
{
    /// <summary>
    /// The endpoints: epochs run, the epoch early stopping kept, its validation loss, and test loss and accuracy. A kept
    /// epoch below the epochs run means training stopped at the validation minimum; equal to it means the cap ended
    /// training (the validation loss may still have been falling).
    /// </summary>
    private static void AppendTraining(StringBuilder md, IReadOnlyList<TrainingSummary> training)
    {
        if (training.Count == 0)
        {
            return;
        }

        md.AppendLine("## Endpoints (one model per seed)");
        md.AppendLine();
        md.AppendLine("| seed | epochs run | kept epoch | validation loss | test loss | test accuracy | seconds |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in training)
        {
            var validation = double.IsNaN(t.ValidationLoss) ? "—" : Number(t.ValidationLoss);
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {t.Seed} | {t.EpochsRun} | {t.KeptEpoch} | {validation} | {Number(t.TestLoss)} | {t.TestAccuracy:F4} | {t.Seconds:F1} |"));
        }
        md.AppendLine();
    }
}
