using System.Text.Json.Serialization;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Data;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Models;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Manifest;

// The manifest schema, defined once. YAML keys are the snake_case of the property names.
// `required` members must be present; everything else has the default written here.

/// <summary>experiments.yaml: what to run.</summary>
public sealed record ExperimentsFile
{
    [NotEmpty("an experiment"), UniqueIds("experiment id")]
    public required IReadOnlyList<ExperimentEntry> Experiments { get; init; }
}

/// <summary>Which experiments run on every CI push (quick) and which only in the nightly reproduction (full).</summary>
public enum Tier
{
    /// <summary>Every CI run: minutes, on the CPU.</summary>
    Quick,

    /// <summary>The nightly reproduction on a CPU runner; every point finishes here in under an hour, and its baseline is recorded from a run here.</summary>
    Full,

    /// <summary>
    /// A published setup at its full size, which only a GPU finishes in a night: the nightly workflow runs this tier on a
    /// self-hosted runner labelled <c>gpu</c> with <c>--device cuda</c>. Its baseline is recorded from that runner's first run.
    /// </summary>
    Gpu,
}

/// <summary>
/// One experiment as written in experiments.yaml, before its recipe is resolved. Its <c>overrides:</c> mapping is not
/// kept here: <see cref="ManifestLoader"/> merges it into the recipe (<see cref="Experiment.Recipe"/>).
/// <para>
/// Nor is its <c>sweep:</c> mapping, dotted recipe keys to lists of values (<c>sweep: { model.hidden: [[128], [512]] }</c>):
/// the loader expands it into one child experiment per point of the Cartesian product of the lists (first key slowest),
/// each the entry with its own id (<c>&lt;id&gt;.&lt;key leaf&gt;-&lt;value slug&gt;</c> per key, e.g.
/// <c>repair-mlp-quick.hidden-128x3</c>) and the point's values merged as overrides on top of <c>overrides:</c>, and
/// records the point in <see cref="Experiment.Sweep"/>. At most <see cref="SweepExpander.MaxPoints"/> points.
/// </para>
/// </summary>
public sealed record ExperimentEntry
{
    /// <summary>The experiment's name: its folder under the artifacts folder and its baseline's file name.</summary>
    [Name("An experiment id names its folder under the artifacts folder: write e.g. 'mnist-mlp-quick'")]
    public required string Id { get; init; }

    /// <summary>Name of a recipe in pipelines/ (file name without .yaml).</summary>
    [Name("Name a recipe in pipelines/ by its file name without folder or extension, e.g. 'digits-mlp'")]
    public required string Pipeline { get; init; }

    public Tier Tier { get; init; } = Tier.Quick;

    /// <summary>
    /// Pairs of training seeds (A, B), B aligned onto A. A seed shared between pairs trains one model; a pair may not
    /// repeat, but [2, 1] after [1, 2] is another pair (the roles of A and B swap). Exactly one of this and
    /// <see cref="Checkpoints"/> is written; empty when the endpoints are checkpoints.
    /// </summary>
    [NotEmpty("a seed pair"), AtMostItems(1000, "each pair trains up to two models and aligns them with every method"), SeedPairs]
    public IReadOnlyList<IReadOnlyList<int>> SeedPairs { get; init; } = [];

    /// <summary>
    /// Pairs of checkpoint files (A, B), B aligned onto A, instead of <see cref="SeedPairs"/>: the endpoints are imported
    /// (the recipe's training section is not used). Paths are relative to the folder of experiments.yaml. A file shared
    /// between pairs is one model. Null (and left out of hashes) for an experiment that trains its endpoints.
    /// </summary>
    [NotEmpty("a checkpoint pair"), AtMostItems(1000, "each pair imports up to two models and aligns them with every method")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CheckpointPairEntry>? Checkpoints { get; init; }

    /// <summary>
    /// A name mapping file for <see cref="Checkpoints"/> (one <c>checkpoint name: model name</c> per line, as the
    /// manifest-free align's <c>--mapping</c>), relative to the folder of experiments.yaml; null: the recognised layouts.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mapping { get; init; }

    /// <summary>The number of pairs, of seeds or of checkpoints.</summary>
    [JsonIgnore]
    public int PairCount => Checkpoints?.Count ?? SeedPairs.Count;

    public string Description { get; init; } = "";
}

/// <summary>One pair of an experiment's <c>checkpoints:</c>: the files of A and B as written, relative to experiments.yaml.</summary>
public sealed record CheckpointPairEntry
{
    public required string A { get; init; }

    public required string B { get; init; }
}

/// <summary>pipelines/*.yaml: how an experiment runs.</summary>
public sealed record PipelineSpec
{
    public required DataSpec Data { get; init; }

    public required ModelSpec Model { get; init; }

    public required TrainingSpec Training { get; init; }

    [NotEmpty("a method"), UniqueIds("method id")]
    public required IReadOnlyList<MethodSpec> Methods { get; init; }

    /// <summary>
    /// The paths every alignment is evaluated along. A path id may repeat with different corrections (<c>linear</c> and
    /// <c>linear</c> with <c>correction: repair</c>): what must differ is the label results name it by.
    /// </summary>
    [NotEmpty("a path"), UniqueIds("path label", Property = nameof(PathSpec.Label), Fix = "Give each path a distinct id or correction, or remove one")]
    public IReadOnlyList<PathSpec> Paths { get; init; } = [new PathSpec { Id = "linear" }];

    /// <summary>Number of evenly spaced λ in [0, 1], endpoints included.</summary>
    [AtLeast(2), AtMost(1001, "each λ evaluates every split along every path of every method (1001 is a step of 0.001)")]
    public int Lambdas { get; init; } = 25;

    public EvaluationSpec Evaluation { get; init; } = new();

    /// <summary>
    /// For each method whose result depends on an arbitrary convention (svd-weight: singular-vector signs), also align
    /// and evaluate every pair with this many seeded random choices, and report the spread over them beside the
    /// canonical result. 0: the canonical choice only. Omitted from hashes when 0, so recipes without it keep their keys.
    /// </summary>
    [AtLeast(0), AtMost(100, "each draw aligns every pair again and evaluates it along every path")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ConventionDraws { get; init; }
}

public sealed record DataSpec
{
    /// <summary>A registered data-set id.</summary>
    [RegisteredId(typeof(DatasetRegistry))]
    public required string Dataset { get; init; }

    /// <summary>
    /// Training samples held out as a validation split: the last N of the training split (its order is fixed by the
    /// loader), so the split needs no random numbers. 0: none.
    /// </summary>
    [AtLeast(0), AtMost(1_000_000, "the split is held in memory as float32 and evaluated every epoch")]
    public int Validation { get; init; }

    /// <summary>
    /// Train on the first N samples of the training split that remain after the validation hold-out (the loader's fixed
    /// order; no random numbers), for tiers that must finish on a CPU. 0 (the default): all of them; left out of hashes.
    /// </summary>
    [AtLeast(0), AtMost(1_000_000, "no registered data set has more training samples"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TrainSamples { get; init; }

    /// <summary>
    /// Standardise every input channel by the mean and standard deviation of the training samples (those models are
    /// trained on, after the validation hold-out and <see cref="TrainSamples"/>), as the published CIFAR-10 loaders do;
    /// every split, the evaluation splits too, is standardised by the same statistics. False (the default): features are
    /// the pixels scaled to [0, 1]; left out of hashes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Standardise { get; init; }
}

/// <summary>
/// A model: the architecture's id and its typed options (<see cref="ModelEntry.OptionsType"/>), written as keys of the
/// same mapping (<c>model: { architecture: mlp, hidden: [512, 512] }</c>) and serialized the same way, so hashes and cache
/// keys read the recipe as it is written.
/// </summary>
[JsonConverter(typeof(ModelSpecJsonConverter))]
public sealed record ModelSpec
{
    [RegisteredId(typeof(Architectures))]
    public required string Architecture { get; init; }

    /// <summary>The options record of <see cref="Architecture"/>; its keys sit beside <c>architecture</c>.</summary>
    [InlineOptions]
    public object Options { get; init; } = new NoOptions();
}

public enum OptimizerKind
{
    Adam,
    Sgd,
}

public sealed record TrainingSpec
{
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    [AtLeast(1), AtMost(100_000, "it bounds the training time of every model")]
    public required int Epochs { get; init; }

    [AtLeast(1), AtMost(1_000_000, "a batch is one tensor in memory, and no data set here has more training samples")]
    public int BatchSize { get; init; } = 64;

    [Positive]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum (ignored by Adam).</summary>
    [Fraction("0.9")]
    public double Momentum { get; init; } = 0.9;

    [AtLeast(0)]
    public double WeightDecay { get; init; }

    /// <summary>
    /// Stop when the validation loss has not improved for this many epochs and keep the weights of its minimum
    /// (needs data.validation &gt; 0). 0: train every epoch and keep the last weights.
    /// </summary>
    [AtLeast(0)]
    public int EarlyStoppingPatience { get; init; }

    /// <summary>
    /// Random crop and horizontal flip of every training batch, from a generator of its own seeded by the training seed.
    /// Omitted (null): no augmentation, and the key is left out of hashes, so recipes without it keep their manifest hash
    /// and cached models.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AugmentationSpec? Augmentation { get; init; }

    /// <summary>
    /// How the learning rate moves over the steps of training (<see cref="LearningRate"/> is its peak). Omitted (null): a
    /// constant rate, and the key is left out of hashes, so recipes without it keep their keys and cached models.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ScheduleSpec? Schedule { get; init; }

    /// <summary>
    /// Label smoothing ε of the training loss: the target puts 1 − ε on the label and ε spread evenly over every class
    /// (PyTorch's <c>label_smoothing</c>). Evaluation always uses the plain cross-entropy. 0 (the default) is left out of hashes.
    /// </summary>
    [Fraction("0.1"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double LabelSmoothing { get; init; }
}

/// <summary>The shape of a learning-rate schedule, stepped once per batch (docs/METHODS.md §5).</summary>
public enum ScheduleKind
{
    /// <summary>Linear warm-up to the peak, then a cosine decay to 0 at the last step.</summary>
    Cosine,

    /// <summary>Linear warm-up to the peak, then a linear decay to 0 at the last step (the triangular one-cycle of REPAIR's code release).</summary>
    OneCycle,
}

/// <summary>A learning-rate schedule: its shape and the fraction of all steps spent warming up.</summary>
public sealed record ScheduleSpec
{
    [Required]
    public ScheduleKind Kind { get; init; }

    /// <summary>Fraction of all training steps over which the rate rises linearly from peak/warm-up-steps to the peak.</summary>
    [Fraction("0.2")]
    public double Warmup { get; init; }
}

/// <summary>Data augmentation of training batches (every registered data set is images: uci-digits is 1×8×8).</summary>
public sealed record AugmentationSpec
{
    /// <summary>
    /// Pad every side of an image with this many zero pixels, then crop it back to its size at a uniformly random offset
    /// (CIFAR practice: 4). 0: no crop. Must be smaller than the image's sides.
    /// </summary>
    [AtLeast(0)]
    public int RandomCrop { get; init; }

    /// <summary>Mirror each image left to right with probability 0.5.</summary>
    public bool HorizontalFlip { get; init; }
}

/// <summary>An alignment method and its options; <see cref="Options"/> is the options record the method <see cref="Id"/> is registered with.</summary>
public sealed record MethodSpec
{
    [RegisteredId(typeof(AlignmentMethods))]
    public required string Id { get; init; }

    public object Options { get; init; } = new NoOptions();
}

/// <summary>An interpolation path and its options.</summary>
public sealed record PathSpec
{
    [RegisteredId(typeof(InterpolationPaths))]
    public required string Id { get; init; }

    public object Options { get; init; } = new NoOptions();

    /// <summary>
    /// The path as results, curves, figures and reports name it: the id, followed by the correction when there is one
    /// (<c>linear-repair</c>; <see cref="PathLabel"/>). Computed, never written, and left out of hashes.
    /// </summary>
    [JsonIgnore]
    public string Label => PathLabel.Of(Id, Options);
}

public sealed record EvaluationSpec
{
    /// <summary>Size of the fixed training subset evaluated along the path (the `train` split).</summary>
    [AtLeast(1), AtMost(1_000_000, "the subset is held in memory as float32 and evaluated at every λ")]
    public int TrainSubset { get; init; } = 1000;

    /// <summary>
    /// Evaluate the <c>test</c> curve on the first N test samples (the loader's fixed order), for tiers that must finish on
    /// a CPU: a convolutional network's forward pass over all 10,000 CIFAR-10 test images at every λ dominates such a
    /// run. 0 (the default): the whole test split; left out of hashes.
    /// </summary>
    [AtLeast(0), AtMost(1_000_000, "no registered data set has more test samples"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TestSubset { get; init; }
}

/// <summary>An experiment with its recipe resolved: the pipeline file with the experiment's overrides merged in.</summary>
public sealed record Experiment(ExperimentEntry Entry, PipelineSpec Recipe, string RecipePath)
{
    public string Id => Entry.Id;

    /// <summary>The sweep point this experiment is, when it is a child of an entry with a <c>sweep:</c>; null otherwise.</summary>
    public SweepPoint? Sweep { get; init; }

    /// <summary>The folder of experiments.yaml, which the paths of <see cref="ExperimentEntry.Checkpoints"/> and <see cref="ExperimentEntry.Mapping"/> are relative to.</summary>
    public string ManifestDirectory { get; init; } = "";

    /// <summary>The full path of a file the entry names relative to experiments.yaml.</summary>
    public string FileOf(string written) => Path.GetFullPath(Path.Combine(ManifestDirectory, written));
}

/// <summary>
/// A point of a sweep: the id of the entry that declared it (<see cref="Parent"/>) and the value of each swept key, in
/// the order written, so commands can group a sweep's children and figures can plot a metric against a key.
/// </summary>
public sealed record SweepPoint(string Parent, IReadOnlyList<SweepCoordinate> Coordinates);

/// <summary>One swept key (dotted, as written, e.g. <c>model.hidden</c>) and this point's value as written (<c>[128, 128]</c>).</summary>
public sealed record SweepCoordinate(string Key, string Value);
