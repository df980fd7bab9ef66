using OrthoRebasin.Manifest;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// The plain-MLP experiment a residual-MLP experiment is compared with: same data set, same tier, architecture
/// <c>mlp</c> (quickstart-resmlp → quickstart, mnist-resmlp-quick → mnist-mlp-quick). Found from the manifest, not
/// from the ids, so a renamed experiment keeps its comparison.
/// </summary>
public static class PlainMlpCounterpart
{
    public static Experiment? Of(Experiment experiment, IReadOnlyList<Experiment> manifest) =>
        experiment.Recipe.Model.Architecture != "residual-mlp"
            ? null
            : manifest.FirstOrDefault(e => e.Recipe.Model.Architecture == "mlp"
                                           && e.Recipe.Data.Dataset == experiment.Recipe.Data.Dataset
                                           && e.Entry.Tier == experiment.Entry.Tier);
}
