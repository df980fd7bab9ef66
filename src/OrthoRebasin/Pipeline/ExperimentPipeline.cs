using System.Diagnostics;
using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Import;
using OrthoRebasin.Interpolation;
using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Results;
using OrthoRebasin.Training;
using static TorchSharp.torch;

namespace OrthoRebasin.Pipeline;

/// <summary>
/// The stages of one experiment: Train → Align → Interpolate/Evaluate → Gather. Each stage is a pure function of
/// its inputs and configuration, cached in the <see cref="ArtifactStore"/>; asking for a stage computes whatever
/// upstream work is missing and reuses the rest.
/// <para>
/// An experiment with <c>checkpoints:</c> imports its endpoints instead of training them (the Train stage's units are
/// then <c>import-&lt;n&gt;</c>, keyed by the file's SHA-256 and the mapping's). Its endpoints are numbered 1, 2, … in
/// the order their files first appear, and those numbers stand where seeds stand in a trained experiment: a pair is
/// named <c>1-2</c>, <c>3-4</c>, … in unit folders and results.
/// </para>
/// </summary>
public sealed partial class ExperimentPipeline : IDisposable
{
    // 2: alignment.json carries per-layer similarity (LayerSimilarity), so version-1 align folders must not be reused.
    private const string Version = "2";

    private readonly Experiment _experiment;
    private readonly RunSettings _settings;
    private readonly IPipelineObserver _observer;
    private readonly ArtifactStore _store;
    private readonly Device _device;
    private readonly Dictionary<string, double> _stageSeconds = [];
    private readonly Dictionary<(string Stage, string Unit), string> _resolved = [];
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly RunLock? _lock;
    private LoadedData? _data;
    private bool _computedAny;

    public ExperimentPipeline(Experiment experiment, RunSettings settings, IPipelineObserver? observer = null)
        : this(experiment, settings, observer, takeLock: null)
    {
    }

    /// <param name="takeLock">
    /// Takes the lock of (folder, what), or returns null when the folder cannot be written; null means
    /// <see cref="RunLock.TryAcquire"/>. Tests pass their own to play a read-only folder where chmod cannot (root).
    /// </param>
    internal ExperimentPipeline(Experiment experiment, RunSettings settings, IPipelineObserver? observer, Func<string, string, RunLock?>? takeLock)
    {
        _experiment = experiment;
        _settings = settings;
        _observer = observer ?? SilentObserver.Instance;
        Paths = ExperimentPaths.For(settings.ArtifactsRoot, experiment.Id);
        _device = Devices.Resolve(settings.Device);
        set_num_threads(settings.EffectiveThreads);
        // Only the lock's holder writes this experiment's folder, so whatever temporary it finds belongs to a dead run.
        var what = $"experiment '{experiment.Id}'";
        _lock = takeLock is null ? RunLock.TryAcquire(Paths.Directory, what, settings.LockWait, _observer.Message) : takeLock(Paths.Directory, what);
        _store = new ArtifactStore(Paths.Directory, _observer.Message, readOnly: _lock is null);
        if (_lock is null)
        {
            // A folder nobody can write changes under nobody: read it as it is, and refuse whatever would have to be written.
            _observer.Message($"artifacts folder {Paths.Directory} is read-only: reading the cached results without a lock");
            return;
        }

        if (_lock.PreviousHolder is { } previous)
        {
            _observer.Message($"took over the lock of a run that ended without releasing it ({previous})");
        }

        var abandoned = _store.RemoveAbandonedPartials();
        if (abandoned > 0)
        {
            _observer.Message($"removed {abandoned} unfinished folder(s) or file(s) left by an interrupted run");
        }
    }

    /// <summary>
    /// Whether the experiment's folder cannot be written: every unit and the gathered results must then be cached and
    /// verify, and anything that would have to be written is a <see cref="UserErrorException"/> naming it.
    /// </summary>
    public bool ReadOnly => _store.ReadOnly;

    /// <summary>Where results.json, results.csv, figures and the report go.</summary>
    public ExperimentPaths Paths { get; }

    private PipelineSpec Recipe => _experiment.Recipe;

    private IEnumerable<SeedPair> Pairs => Imported
        ? _experiment.Entry.Checkpoints!.Select(p => new SeedPair(EndpointOf(p.A), EndpointOf(p.B)))
        : _experiment.Entry.SeedPairs.Select(p => new SeedPair(p[0], p[1]));

    /// <summary>Whether the endpoints are imported from the entry's <c>checkpoints:</c> instead of trained.</summary>
    private bool Imported => _experiment.Entry.Checkpoints is not null;

    /// <summary>The imported endpoints' files as written, in the order they first appear (A before B, pair by pair): endpoint n is the n-th.</summary>
    private IReadOnlyList<string> EndpointFiles => _endpointFiles ??= _experiment.Entry.Checkpoints!
        .SelectMany(p => new[] { p.A, p.B })
        .DistinctBy(_experiment.FileOf, StringComparer.Ordinal)
        .ToList();

    private IReadOnlyList<string>? _endpointFiles;

    private readonly Dictionary<int, string> _fileDigests = [];

    /// <summary>The number of the endpoint a checkpoint file is (1-based; two spellings of one file are one endpoint).</summary>
    private int EndpointOf(string written)
    {
        var full = _experiment.FileOf(written);
        return EndpointFiles.Select(_experiment.FileOf).ToList().IndexOf(full) + 1;
    }

    /// <summary>How messages and errors name an endpoint: its seed, or its file as written in the manifest.</summary>
    private string EndpointName(int endpoint) => Imported ? $"checkpoint {EndpointFiles[endpoint - 1]}" : $"seed {endpoint}";

    private IEnumerable<int> Seeds => Pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().Order();

    /// <summary>Runs every stage and writes results.json and results.csv.</summary>
    public ExperimentResults Run()
    {
        Interpolate();
        return Gather();
    }

    /// <summary>
    /// Trains (or reuses) one model per seed, or imports (or reuses) one per checkpoint file; returns seed (or endpoint
    /// number) → model folder.
    /// </summary>
    public IReadOnlyDictionary<int, string> Train() =>
        Seeds.ToDictionary(seed => seed, seed => Imported ? ImportOne(seed) : TrainOne(seed));

    /// <summary>
    /// Aligns (or reuses) B onto A for every method, seed pair and convention draw; returns the alignment folders.
    /// </summary>
    public IReadOnlyList<string> Align()
    {
        var models = Train();
        return Recipe.Methods.SelectMany(method => Pairs.SelectMany(pair => Draws(method).Select(draw => AlignOne(method, pair, models, draw)))).ToList();
    }

    /// <summary>Evaluates (or reuses) every (method, path, pair, convention draw) on the λ grid; returns the curve folders.</summary>
    public IReadOnlyList<string> Interpolate()
    {
        var models = Train();
        return Recipe.Methods.SelectMany(method => Pairs.SelectMany(pair => Draws(method).SelectMany(draw =>
        {
            var aligned = AlignOne(method, pair, models, draw);
            return Recipe.Paths.Select(path => InterpolateOne(method, path, pair, models, aligned, draw));
        }))).ToList();
    }

    /// <summary>
    /// The convention draws a method runs with: 0 (its canonical choice), then 1..convention_draws when its result
    /// depends on a convention (<see cref="MethodTraits.Convention"/>).
    /// </summary>
    private IEnumerable<int> Draws(MethodSpec method) =>
        AlignmentMethods.Registry.Get(method.Id).Traits.Convention is null ? [0] : Enumerable.Range(0, Recipe.ConventionDraws + 1);

    /// <summary>A unit's label: the canonical unit keeps the name it always had; a draw adds <c>draw{k}</c>.</summary>
    private static string DrawLabel(string method, int draw) => draw == 0 ? method : $"{method}-draw{draw}";

    public void Dispose()
    {
        _data?.Dispose();
        _lock?.Dispose();
    }

    private string TrainOne(int seed)
    {
        var key = WithNumericsRevision(new { Version, Recipe.Data, Recipe.Model, Recipe.Training, seed, _settings.Device, Threads = _settings.EffectiveThreads });
        return Timed("train", $"seed {seed}", () => _store.GetOrCreate("train", $"seed-{seed}", key, folder =>
        {
            var data = Data;
            var (parameters, log) = Trainer.Train(data.Architecture, Recipe.Training, data.Train, seed, _device, validation: data.Validation);
            using (parameters)
            {
                var test = Evaluator.Evaluate(data.Architecture, parameters, data.Test);
                Safetensors.Save(Path.Combine(folder, "model.safetensors"), parameters.Entries, new Dictionary<string, string>
                {
                    ["architecture"] = data.Architecture.Describe(),
                    ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
                Json.Write(Path.Combine(folder, "training.json"), new TrainingRecord(seed, log.EpochLoss, log.EpochAccuracy, log.ValidationLoss, log.KeptEpoch, test.Loss, test.Accuracy, log.Seconds, _settings.EffectiveThreads, _settings.Device)
                {
                    Augmentation = Recipe.Training.Augmentation,
                });
            }
        }));
    }

    /// <summary>
    /// The cache key of a network unit from its <paramref name="inputs"/>, joined by the architecture's
    /// <see cref="ModelEntry.NumericsRevision"/> when it has one (without one the key is the inputs' hash, as it always was).
    /// </summary>
    private string WithNumericsRevision(object inputs) =>
        Architectures.Registry.Find(Recipe.Model.Architecture)?.NumericsRevision is { } revision
            ? Json.Hash(new { inputs, NumericsRevision = revision })
            : Json.Hash(inputs);

    /// <summary>
    /// Imports endpoint <paramref name="endpoint"/>'s checkpoint (<see cref="CheckpointImport.Load"/>, with the entry's
    /// mapping), checks on the probe batch that every symmetry group of the model leaves its function unchanged
    /// (<see cref="ImportGates.CheckSymmetries"/>), and stores it as a trained model is stored, with its test loss and
    /// accuracy in training.json (no epochs). Keyed by the file's SHA-256 and the mapping's, so a changed file is
    /// imported again and an unchanged one reused.
    /// </summary>
    private string ImportOne(int endpoint)
    {
        var written = EndpointFiles[endpoint - 1];
        var file = _experiment.FileOf(written);
        var mapping = _experiment.Entry.Mapping is { } m ? _experiment.FileOf(m) : null;
        var key = WithNumericsRevision(new { Version, Import = FileDigest(endpoint), Mapping = mapping is null ? null : UnitManifest.Sha256(mapping), Recipe.Data, Recipe.Model, Recipe.Evaluation, _settings.Device });
        return Timed("train", $"import {endpoint} ({written})", () => _store.GetOrCreate("train", $"import-{endpoint}", key, folder =>
        {
            var data = Data;
            var clock = Stopwatch.StartNew();
            var names = mapping is null ? null : NameMapping.Explicit(InlineSpecs.NameMapping(mapping));
            using var imported = CheckpointImport.Load(file, data.Architecture, names, _device);
            using (var probe = Probe(data))
            {
                ImportGates.CheckSymmetries(data.Architecture, imported.Parameters, probe, written, CheckpointAlignment.Seed);
            }

            var test = Evaluator.Evaluate(data.Architecture, imported.Parameters, data.Test);
            Safetensors.Save(Path.Combine(folder, "model.safetensors"), imported.Parameters.Entries, new Dictionary<string, string>
            {
                ["architecture"] = data.Architecture.Describe(),
                ["checkpoint"] = written,
                ["sha256"] = FileDigest(endpoint),
            });
            Json.Write(Path.Combine(folder, "training.json"), new TrainingRecord(endpoint, [], [], [], 0, test.Loss, test.Accuracy, clock.Elapsed.TotalSeconds, _settings.EffectiveThreads, _settings.Device)
            {
                Checkpoint = written,
            });
        }));
    }

    /// <summary>
    /// The batch the import gates compare logits on, as the manifest-free align chooses it with a data set: the first
    /// <see cref="CheckpointAlignment.ProbeSize"/> samples of the training split (of the fixed training subset, which begins it).
    /// </summary>
    private static Tensor Probe(LoadedData data)
    {
        var features = data.TrainSubset.Features;
        return features.narrow(0, 0, Math.Min(CheckpointAlignment.ProbeSize, features.shape[0]));
    }

    /// <summary>SHA-256 of endpoint <paramref name="endpoint"/>'s file, read once per pipeline.</summary>
    private string FileDigest(int endpoint)
    {
        if (!_fileDigests.TryGetValue(endpoint, out var digest))
        {
            digest = UnitManifest.Sha256(_experiment.FileOf(EndpointFiles[endpoint - 1]));
            _fileDigests[endpoint] = digest;
        }

        return digest;
    }

    private string AlignOne(MethodSpec method, SeedPair pair, IReadOnlyDictionary<int, string> models, int draw)
    {
        var inputs = new { Version, A = Path.GetFileName(models[pair.A]), B = Path.GetFileName(models[pair.B]), method.Id, method.Options, Recipe.Evaluation };
        // The canonical unit's key is the one it had before draws existed, so cached alignments stay valid.
        var key = draw == 0 ? Json.Hash(inputs) : Json.Hash(new { inputs, ConventionDraw = draw });
        var label = DrawLabel(method.Id, draw);
        return Timed("align", $"{label} {pair}", () => _store.GetOrCreate("align", $"{label}-{pair}", key, folder =>
        {
            var data = Data;
            var entry = AlignmentMethods.Registry.Get(method.Id);
            // The manifest rejects these pairs where the recipe names them; a recipe built in code meets the same reason here.
            if (MethodCompatibility.WhyNot(entry, data.Architecture.Symmetry.Groups, data.Architecture.Id) is { } reason)
            {
                throw new UserErrorException($"method '{method.Id}' cannot run on model '{data.Architecture.Id}': {reason}. Remove it from the recipe's methods (docs/METHODS.md §3 lists the models each method runs on).");
            }

            using var a = LoadModel(models[pair.A]);
            using var b = LoadModel(models[pair.B]);
            var clock = Stopwatch.StartNew();
            var problem = AlignmentProblems.For(data.Architecture, entry, a, b, data.TrainSubset.Features, Imported ? ImportedAlignmentSeed(pair) : AlignmentSeed(pair), draw);
            using var alignment = FiniteParameters.NamingModels(EndpointName(pair.A), EndpointName(pair.B), () => entry.Create(method.Options).Align(problem));
            var seconds = clock.Elapsed.TotalSeconds;
            using var aligned = alignment.Transforms.Apply(data.Architecture.Symmetry, b);
            if (Imported && entry.Traits.Exact)
            {
                // An exact method keeps B's function; on imported weights that is checked, not assumed (docs/METHODS.md §9).
                using var probe = Probe(data);
                ImportGates.CheckSameFunction(data.Architecture, aligned, b, probe, method.Id, $"pair {pair} ({EndpointFiles[pair.A - 1]} → {EndpointFiles[pair.B - 1]})");
            }

            Safetensors.Save(Path.Combine(folder, "aligned.safetensors"), aligned.Entries, new Dictionary<string, string> { ["method"] = method.Id, ["pair"] = pair.ToString() });
            Safetensors.Save(Path.Combine(folder, "transforms.safetensors"), alignment.Transforms.Matrices);
            var fidelity = FidelityMeasures.Measure(data.Architecture, b, aligned, data.Test);
            var layers = WeightSimilarity.Measure(a, b, aligned);
            Json.Write(Path.Combine(folder, "alignment.json"), new AlignmentRecord(
                method.Id, pair.A, pair.B, alignment.Diagnostics,
                fidelity.LossB, fidelity.LossAligned, fidelity.AccuracyB, fidelity.AccuracyAligned, fidelity.PredictionAgreement, fidelity.LogitMse,
                a.DistanceTo(b), a.DistanceTo(aligned), seconds, layers) { ConventionDraw = draw });
        }));
    }

    private string InterpolateOne(MethodSpec method, PathSpec pathSpec, SeedPair pair, IReadOnlyDictionary<int, string> models, string alignedFolder, int draw)
    {
        // The aligned folder's name carries the draw, so the key needs nothing more.
        var key = Json.Hash(new { Version, Aligned = Path.GetFileName(alignedFolder), A = Path.GetFileName(models[pair.A]), pathSpec.Id, pathSpec.Options, Recipe.Lambdas, Recipe.Evaluation });
        var label = DrawLabel(method.Id, draw);
        // The path's label carries its correction (linear-repair), so a corrected path has units and curves of its own;
        // without one the label is the id and the unit keeps the name it always had.
        var pathLabel = pathSpec.Label;
        return Timed("interpolate", $"{label} {pathLabel} {pair}", () => _store.GetOrCreate("interpolate", $"{label}-{pathLabel}-{pair}", key, folder =>
        {
            var data = Data;
            var clock = Stopwatch.StartNew();
            using var a = LoadModel(models[pair.A]);
            using var b = LoadModel(models[pair.B]);
            using var aligned = LoadModel(Path.Combine(alignedFolder, "aligned.safetensors"), isFile: true);
            var entry = InterpolationPaths.Registry.Get(pathSpec.Id);
            var path = entry.Create(pathSpec.Options);
            var correction = EntryOptions.Resolve(entry, pathSpec.Options) as ICorrectionOptions;
            var kind = correction?.Correction ?? Correction.None;
            var lambdas = Interpolation.LambdaGrid.Linspace(Recipe.Lambdas);
            var splits = data.EvaluationSplits;
            using var calibration = kind == Correction.None ? null : CalibrationInputs(data, correction!.Calibration);
            var (loss, accuracy) = PathEvaluation.Evaluate(data.Architecture, path, kind, a, aligned, lambdas, splits, calibration, Recipe.Training.BatchSize);
            var curves = splits.Select((split, s) =>
            {
                var original = Evaluator.Evaluate(data.Architecture, b, split);
                return new SplitCurve(split.Name, loss[s], accuracy[s], original.Loss, original.Accuracy);
            }).ToList();
            Json.Write(Path.Combine(folder, "curves.json"), new CurveRecord(method.Id, pathLabel, pair.A, pair.B, lambdas, curves, clock.Elapsed.TotalSeconds) { ConventionDraw = draw });
        }));
    }

    /// <summary>The first <paramref name="count"/> samples of the fixed training subset (0: all of them), a view of its features.</summary>
    private static Tensor CalibrationInputs(LoadedData data, int count)
    {
        var features = data.TrainSubset.Features;
        var available = features.shape[0];
        if (count > available)
        {
            throw new UserErrorException($"a path's calibration is {count} samples, but the training subset has {available}: use at most {available} (evaluation.train_subset), or 0 for all of them.");
        }

        return features.narrow(0, 0, count == 0 ? available : count);
    }

    /// <summary>
    /// 7919·seed_A + seed_B, in 64 bits and folded into a non-negative int, so any two seeds up to int.MaxValue give a
    /// defined seed (the value for seeds below 271,000 is the same as it always was).
    /// </summary>
    internal static int AlignmentSeed(SeedPair pair) => (int)((7919L * pair.A + pair.B) % int.MaxValue);

    /// <summary>
    /// The alignment seed of a pair of imported checkpoints: the first four bytes of SHA-256("&lt;A's SHA-256&gt;-&lt;B's&gt;"),
    /// non-negative, so it follows the files' contents, not their numbers.
    /// </summary>
    private int ImportedAlignmentSeed(SeedPair pair) => ImportedAlignmentSeed(FileDigest(pair.A), FileDigest(pair.B));

    internal static int ImportedAlignmentSeed(string digestA, string digestB)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{digestA}-{digestB}"));
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash) & int.MaxValue;
    }

    private ParameterSet LoadModel(string folderOrFile, bool isFile = false) =>
        Safetensors.Load(isFile ? folderOrFile : Path.Combine(folderOrFile, "model.safetensors"), _device);

    private string Timed(string stage, string unit, Func<(string Folder, bool Cached)> work)
    {
        // Stages ask for their upstream units again; each unit is resolved (and reported) once per pipeline.
        if (_resolved.TryGetValue((stage, unit), out var known))
        {
            return known;
        }

        var clock = Stopwatch.StartNew();
        var (folder, cached) = work();
        if (!cached)
        {
            NativeHeap.ReturnFreeMemory();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        _stageSeconds[stage] = _stageSeconds.GetValueOrDefault(stage) + seconds;
        _observer.UnitFinished(stage, unit, seconds, cached);
        _resolved[(stage, unit)] = folder;
        _computedAny |= !cached;
        return folder;
    }

    private LoadedData Data => _data ??= LoadedData.Load(Recipe, _settings, _device);
}
