namespace OrthoRebasin.Benchmarks;

/// <summary>Versions of Trainer's loop that <see cref="EpochProfiler"/> times, each dropping one more per-step extra.</summary>
public enum EpochVariant
{
    /// <summary>Trainer's step: index_select batch, loss.item and argmax accuracy every step.</summary>
    AsTrainer,

    /// <summary>Without the per-step loss.item.</summary>
    NoItem,

    /// <summary>Without loss.item and without the per-step accuracy.</summary>
    NoItemNoAccuracy,

    /// <summary>As <see cref="NoItemNoAccuracy"/>, with the data shuffled by one index_select per epoch and batches as narrow views.</summary>
    ShuffleOnceThenNarrow,
}
