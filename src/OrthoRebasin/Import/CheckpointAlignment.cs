using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Data;
using OrthoRebasin.Evaluation;
using OrthoRebasin.Interpolation;
using OrthoRebasin.IO;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Results;
using static TorchSharp.torch;

namespace OrthoRebasin.Import;

/// <summary>
/// What to align without a manifest: two checkpoints written outside this project, the model they are, the method, and
/// optionally a data set to evaluate the linear path on. The option names are the command line's, so that every error
/// can name the option that fixes it.
/// </summary>
public sealed record CheckpointAlignmentRequest(string PathA, string PathB, ModelSpec Model, MethodSpec Method, string OutputFolder)
{
    /// <summary>How the checkpoints' names map onto the model's; null: the recognised layouts.</summary>
    public NameMapping? Mapping { get; init; }

    /// <summary>A registered data set id; null: no evaluation, a random probe batch, shapes from the checkpoint.</summary>
    public string? Dataset { get; init; }

    /// <summary>Folder of pre-downloaded data sets.</summary>
    public string? DataDir { get; init; }

    /// <summary>Points of the λ grid of the linear path (0 to 1, evenly spaced).</summary>
    public int Lambdas { get; init; } = 11;

    /// <summary>
    /// Standardise every input channel by the mean and std of the data set's whole training split, as the models were
    /// trained (the usual CIFAR-10 and MNIST constants are exactly these statistics); needs <see cref="Dataset"/>.
    /// </summary>
    public bool Standardise { get; init; }

    public Device? Device { get; init; }
}

/// <summary>
/// Aligns checkpoint B onto checkpoint A, both imported (<see cref="CheckpointImport"/>) and gated
/// (<see cref="ImportGates"/>), and writes B' back as the checkpoint B was, its group transforms and a record of the
/// alignment; with a data set, also the linear path (plain and REPAIR-corrected) for the identity and for the method,
/// and a short report. Every file is written atomically (<see cref="AtomicFile"/>).
/// </summary>
public static class CheckpointAlignment
{
    public const string AlignedPyTorch = "b_aligned.pt";
    public const string AlignedSafetensors = "b_aligned.safetensors";
    public const string Transforms = "transforms.safetensors";
    public const string Record = "alignment.json";
    public const string Curves = "curves.csv";
    public const string Report = "report.md";

    /// <summary>Samples of the probe batch the gates compare logits on.</summary>
    public const int ProbeSize = 256;

    /// <summary>Training samples that activation-based methods match and that calibrate REPAIR (the first ones of the split).</summary>
    public const int CalibrationSamples = 2000;

    /// <summary>The seed of the random probe batch and of the alignment.</summary>
    public const int Seed = 0;

    /// <summary>Runs the alignment; <paramref name="say"/> gets one line per step. Returns the record written to alignment.json.</summary>
    public static CheckpointAlignmentRecord Run(CheckpointAlignmentRequest request, Action<string>? say = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        say ??= _ => { };
        var clock = Stopwatch.StartNew();
        var device = request.Device ?? CPU;
        foreach (var (option, path) in new[] { ("--a", request.PathA), ("--b", request.PathB) })
        {
            if (!File.Exists(path))
            {
                throw new UserErrorException($"{option} {path}: no such file. Give the path of a PyTorch state dict (.pt, .pth, .bin) or a safetensors file.");
            }
        }

        var entry = AlignmentMethods.Registry.Get(request.Method.Id);
        using var data = request.Dataset is null ? null : DatasetRegistry.Load(request.Dataset, new DataLocation(request.DataDir));
        if (request.Standardise && data is null)
        {
            throw new UserErrorException($"--standardise standardises a data set's inputs: give --data <data set> (one of {string.Join(", ", DatasetRegistry.Registry.Ids)}) too, or leave --standardise out.");
        }

        var standardisation = request.Standardise ? InputStandardisation.Of(data!.Train) : null;
        var (architecture, shape) = Architecture(request, data);
        if (MethodCompatibility.WhyNot(entry, architecture.Symmetry.Groups, architecture.Id) is { } reason)
        {
            throw new UserErrorException($"--method {entry.Id}: it cannot run on model '{architecture.Id}': {reason}. Choose another method (`orthorebasin list` shows them).");
        }

        if (entry.Traits.NeedsActivations && data is null)
        {
            throw new UserErrorException($"--method {entry.Id} matches activations on training samples: give --data <data set> (one of {string.Join(", ", DatasetRegistry.Registry.Ids)}), or choose a method that reads the weights alone such as weight-matching.");
        }

        say($"model: {architecture.Describe()}");
        using var a = CheckpointImport.Load(request.PathA, architecture, request.Mapping, device);
        using var b = CheckpointImport.Load(request.PathB, architecture, request.Mapping, device);
        say($"imported A ({request.PathA}) and B ({request.PathB}): names read as {a.Layout.RecognisedAs}");

        using var scope = NewDisposeScope();
        var calibrationCount = data is null ? 0 : Math.Min(CalibrationSamples, data.Train.Count);
        Tensor? calibration = null;
        if (data is not null)
        {
            using var subset = data.Train.Slice(0, calibrationCount);
            calibration = Features(subset, standardisation, device);
        }

        var (probe, probeText) = calibration is not null
            ? (calibration.narrow(0, 0, Math.Min(ProbeSize, calibrationCount)), $"the first {Math.Min(ProbeSize, calibrationCount)} samples of the {data!.Id} training split")
            : (randn([ProbeSize, shape.Size], generator: new Generator(Seed)).to(device), $"{ProbeSize} deterministic random inputs (standard normal, seed {Seed}; no --data)");
        say($"probe batch: {probeText}");
        if (standardisation is not null)
        {
            say($"inputs standardised by the {data!.Id} training split's channel statistics: {standardisation}");
        }


        var symmetryA = ImportGates.CheckSymmetries(architecture, a.Parameters, probe, request.PathA, Seed);
        var symmetryB = ImportGates.CheckSymmetries(architecture, b.Parameters, probe, request.PathB, Seed);
        say($"symmetry gate: passed for A and B ({Count(architecture.Symmetry.Groups.Count, "group")}; largest relative difference {Math.Max(Max(symmetryA), Max(symmetryB)):G3}, at most {ImportGates.Tolerance:G1} allowed)");

        var alignClock = Stopwatch.StartNew();
        var problem = AlignmentProblems.For(architecture, entry, a.Parameters, b.Parameters, calibration, Seed);
        using var alignment = FiniteParameters.NamingModels($"A ({request.PathA})", $"B ({request.PathB})", () => entry.Create(request.Method.Options).Align(problem));
        var alignSeconds = alignClock.Elapsed.TotalSeconds;
        using var aligned = alignment.Transforms.Apply(architecture.Symmetry, b.Parameters);
        double? sameFunction = entry.Traits.Exact
            ? ImportGates.CheckSameFunction(architecture, aligned, b.Parameters, probe, entry.Id, request.PathB)
            : null;
        var diagnostics = alignment.Diagnostics;
        say($"aligned B onto A with {entry.Id} in {alignSeconds:F2} s: objective {Sum(diagnostics, d => d.ObjectiveBefore):G6} → {Sum(diagnostics, d => d.ObjectiveAfter):G6}"
            + (diagnostics.All(d => d.Converged) ? "" : $" (did not converge: {string.Join(", ", diagnostics.Where(d => !d.Converged).Select(d => d.Group))})"));
        say(sameFunction is { } s
            ? $"function gate: B' computes B's function (relative difference {s:G3})"
            : $"function gate: not applied ({entry.Id} is not exact: B' is another function than B)");

        Directory.CreateDirectory(request.OutputFolder);
        var metadata = new Dictionary<string, string> { ["method"] = entry.Id, ["architecture"] = architecture.Describe() };
        CheckpointExport.SavePyTorch(Path.Combine(request.OutputFolder, AlignedPyTorch), aligned, b.Layout);
        CheckpointExport.SaveSafetensors(Path.Combine(request.OutputFolder, AlignedSafetensors), aligned, b.Layout, metadata);
        Safetensors.Save(Path.Combine(request.OutputFolder, Transforms), alignment.Transforms.Matrices, metadata);

        var evaluation = data is null ? null : EvaluateCurves(request, architecture, data, standardisation, a.Parameters, b.Parameters, aligned, calibration!, entry.Id, say);
        var record = new CheckpointAlignmentRecord
        {
            A = request.PathA,
            B = request.PathB,
            Model = request.Model,
            Architecture = architecture.Describe(),
            Method = entry.Id,
            Options = request.Method.Options,
            Exact = entry.Traits.Exact,
            Seed = Seed,
            Layout = new CheckpointPair<string>(a.Layout.RecognisedAs, b.Layout.RecognisedAs),
            DtypeConversions = new CheckpointPair<IReadOnlyList<DtypeConversion>>(Conversions(a.Layout), Conversions(b.Layout)),
            Probe = probeText,
            Standardisation = standardisation,
            Gates = new GateRecord(ImportGates.Tolerance, new CheckpointPair<IReadOnlyDictionary<string, double>>(symmetryA, symmetryB), sameFunction),
            ObjectiveBefore = Sum(diagnostics, d => d.ObjectiveBefore),
            ObjectiveAfter = Sum(diagnostics, d => d.ObjectiveAfter),
            Converged = diagnostics.All(d => d.Converged),
            Diagnostics = diagnostics,
            DistanceAB = a.Parameters.DistanceTo(b.Parameters),
            DistanceAAligned = a.Parameters.DistanceTo(aligned),
            AlignSeconds = alignSeconds,
            Evaluation = evaluation,
            Seconds = clock.Elapsed.TotalSeconds,
        };
        Json.Write(Path.Combine(request.OutputFolder, Record), record);
        if (evaluation is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(request.OutputFolder, Curves), CurvesCsv(evaluation));
            AtomicFile.WriteAllText(Path.Combine(request.OutputFolder, Report), ReportMarkdown(record, evaluation));
        }

        return record;
    }

    /// <summary>
    /// The declared model sized for the data set's images and classes, or, without one, for the checkpoint's inputs and
    /// classes (the fully connected models only: a convolutional model's image shape is not in its weights).
    /// </summary>
    private static (IArchitecture Model, ImageShape Shape) Architecture(CheckpointAlignmentRequest request, DatasetSplits? data)
    {
        var model = Architectures.Registry.Get(request.Model.Architecture);
        ImageShape shape;
        int classes;
        if (data is not null)
        {
            (shape, classes) = (data.Shape, data.Classes);
        }
        else if (request.Model.Architecture is "mlp" or "residual-mlp")
        {
            var (inputs, outputs) = InputsAndClasses(request.PathA);
            (shape, classes) = (new ImageShape(1, 1, inputs), outputs);
        }
        else
        {
            throw new UserErrorException($"--model: a {request.Model.Architecture} takes images whose shape its checkpoint does not record: give --data <data set> (one of {string.Join(", ", DatasetRegistry.Registry.Ids)}) so the image shape and classes are known.");
        }

        try
        {
            return (model.Create(request.Model.Options, shape, classes), shape);
        }
        catch (ArgumentException ex)
        {
            throw new UserErrorException($"--model: {request.Model.Architecture} on {(data is null ? $"{shape.Size} inputs and {classes} classes" : $"data set '{data.Id}' ({data.Shape} images, {data.Classes} classes)")}: {ex.Message}");
        }
    }

    /// <summary>
    /// A fully connected checkpoint's inputs and classes from its 2-D weights: the input size is the one weight's input
    /// width that no weight outputs, the classes the one output width that no weight takes in.
    /// </summary>
    private static (int Inputs, int Classes) InputsAndClasses(string path)
    {
        var (tensors, _) = TensorFiles.Read(path);
        try
        {
            var weights = tensors.Where(t => t.Value.dim() == 2).Select(t => t.Value.shape).ToList();
            var ins = weights.Select(w => w[1]).ToHashSet();
            var outs = weights.Select(w => w[0]).ToHashSet();
            var inputs = ins.Except(outs).ToList();
            var classes = outs.Except(ins).ToList();
            if (inputs.Count != 1 || classes.Count != 1)
            {
                throw new UserErrorException($"{path}: cannot tell the model's input size and classes from its weights ({weights.Count} matrices): give --data <data set> (one of {string.Join(", ", DatasetRegistry.Registry.Ids)}) to size the model.");
            }

            return ((int)inputs[0], (int)classes[0]);
        }
        finally
        {
            foreach (var (_, tensor) in tensors)
            {
                tensor.Dispose();
            }
        }
    }

    private static CurveEvaluation EvaluateCurves(
        CheckpointAlignmentRequest request, IArchitecture architecture, DatasetSplits data, InputStandardisation? standardisation, ParameterSet a, ParameterSet b, ParameterSet aligned, Tensor calibration, string method, Action<string> say)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        var device = request.Device ?? CPU;
        var test = new EvaluationSplit("test", Features(data.Test, standardisation, device), data.Test.Labels.to(device));
        var lambdas = LambdaGrid.Linspace(request.Lambdas);
        var endpoints = new List<EndpointRecord>();
        foreach (var (model, parameters) in new[] { ("A", a), ("B", b), ("B'", aligned) })
        {
            var (loss, accuracy) = Evaluator.Evaluate(architecture, parameters, test);
            endpoints.Add(new EndpointRecord(model, loss, accuracy));
        }

        var path = new LinearPath();
        var curves = new List<CurveRecordRow>();
        foreach (var (label, endpoint) in new[] { ("identity", b), (method, aligned) })
        {
            foreach (var correction in new[] { Correction.None, Correction.Repair })
            {
                var (loss, accuracy) = PathEvaluation.Evaluate(architecture, path, correction, a, endpoint, lambdas, [test], calibration, batchSize: 64);
                var barriers = Barriers.Compute(lambdas, loss[0], accuracy[0], endpoints[1].Loss, endpoints[1].Accuracy);
                curves.Add(new CurveRecordRow(label, correction == Correction.None ? "linear" : "linear-repair", lambdas, loss[0], accuracy[0], barriers.Values));
            }
        }

        say($"linear path: {lambdas.Count} λ on the {data.Id} test split ({test.Labels.shape[0]} samples), identity and {method}, plain and with repair (calibrated on {calibration.shape[0]} training samples), in {clock.Elapsed.TotalSeconds:F1} s");
        return new CurveEvaluation(data.Id, test.Labels.shape[0], calibration.shape[0], endpoints, curves);
    }

    private static string CurvesCsv(CurveEvaluation evaluation)
    {
        var csv = new StringBuilder("alignment,path,split,lambda,loss,accuracy\n");
        foreach (var curve in evaluation.Curves)
        {
            for (var i = 0; i < curve.Lambdas.Count; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{curve.Alignment},{curve.Path},test,{curve.Lambdas[i]:R},{curve.Loss[i]:R},{curve.Accuracy[i]:R}\n");
            }
        }

        return csv.ToString();
    }

    private static string ReportMarkdown(CheckpointAlignmentRecord record, CurveEvaluation evaluation)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append(c, $"# B aligned onto A with {record.Method}\n\n");
        var names = record.Layout.A == record.Layout.B ? record.Layout.A : $"{record.Layout.A} and {record.Layout.B}";
        md.Append(c, $"- A: `{record.A}`; B: `{record.B}` (names read as {names})\n");
        md.Append(c, $"- Model: {record.Architecture}\n");
        md.Append(c, $"- Method: {record.Method}, options `{JsonSerializer.Serialize(record.Options, record.Options.GetType(), Compact)}`; objective {record.ObjectiveBefore:G6} → {record.ObjectiveAfter:G6}{(record.Converged ? "" : " (did not converge)")}\n");
        md.Append(c, $"- Data: {evaluation.Dataset}, test split ({evaluation.TestSamples} samples); repair calibrated on the first {evaluation.CalibrationSamples} training samples{(record.Standardisation is { } z ? $"; inputs standardised by the training split's {z}" : "")}\n\n");
        md.Append("## Gates\n\n");
        md.Append(c, $"Logits compared on the probe batch ({record.Probe}) in evaluation mode by max|Δ|/max|y|, at most {record.Gates.Tolerance:G1}.\n\n");
        md.Append(c, $"- Symmetry gate, A: passed (largest {Max(record.Gates.Symmetry.A):G3} over {Count(record.Gates.Symmetry.A.Count, "group")})\n");
        md.Append(c, $"- Symmetry gate, B: passed (largest {Max(record.Gates.Symmetry.B):G3} over {Count(record.Gates.Symmetry.B.Count, "group")})\n");
        md.Append(record.Gates.SameFunction is { } same
            ? string.Create(c, $"- Function gate (B' against B, {record.Method} is exact): passed ({same:G3})\n\n")
            : string.Create(c, $"- Function gate: not applied ({record.Method} is not exact)\n\n"));
        md.Append("## Endpoints (test split)\n\n| model | loss | accuracy |\n|---|---:|---:|\n");
        foreach (var endpoint in evaluation.Endpoints)
        {
            md.Append(c, $"| {endpoint.Model} | {endpoint.Loss:F4} | {endpoint.Accuracy:P2} |\n");
        }

        md.Append(c, $"\n## Linear path A → B (test split, {evaluation.Curves[0].Lambdas.Count} λ)\n\n");
        md.Append("| alignment | path | loss barrier | accuracy barrier | loss at midpoint | accuracy drop at midpoint |\n|---|---|---:|---:|---:|---:|\n");
        foreach (var curve in evaluation.Curves)
        {
            md.Append(c, $"| {curve.Alignment} | {curve.Path} | {curve.Metrics[CurveMetrics.LossBarrier]:F4} | {curve.Metrics[CurveMetrics.AccBarrier]:P2} | {Metric(curve, CurveMetrics.LossMid, "F4")} | {Metric(curve, CurveMetrics.AccMid, "P2")} |\n");
        }

        md.Append(c, $"\nBarriers are measured against the chord between the endpoints (docs/METHODS.md §5); the midpoint metrics need λ = ½ on the grid (an odd number of λ). Curves: {Curves}; B' as B's checkpoint: {AlignedPyTorch}.\n");
        return md.ToString();
    }

    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    private static string Metric(CurveRecordRow curve, string id, string format) =>
        curve.Metrics.TryGetValue(id, out var value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static Tensor Features(LabelledData data, InputStandardisation? standardisation, Device device)
    {
        var features = data.Features().to(device);
        return standardisation is null ? features : standardisation.ApplyInPlace(features, data.Shape);
    }

    private static IReadOnlyList<DtypeConversion> Conversions(CheckpointLayout layout) =>
        [.. layout.Conversions.Select(t => new DtypeConversion(t.SourceName, t.OriginalDtype.ToString().ToLowerInvariant()))];

    private static double Sum(IReadOnlyList<LayerDiagnostics> diagnostics, Func<LayerDiagnostics, double> value) => diagnostics.Sum(value);

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static double Max(IReadOnlyDictionary<string, double> values) => values.Count == 0 ? 0 : values.Values.Max();
}

/// <summary>One value for each checkpoint.</summary>
public sealed record CheckpointPair<T>(T A, T B);

/// <summary>A tensor the import converted to float32, by its checkpoint name, and the dtype the export restores.</summary>
public sealed record DtypeConversion(string Tensor, string Dtype);

/// <summary>What the gates measured: each symmetry group's relative difference per checkpoint, and B' against B after an exact method (null otherwise).</summary>
public sealed record GateRecord(double Tolerance, CheckpointPair<IReadOnlyDictionary<string, double>> Symmetry, double? SameFunction);

/// <summary>A model's loss and accuracy on the test split.</summary>
public sealed record EndpointRecord(string Model, double Loss, double Accuracy);

/// <summary>One curve: the alignment it follows (identity or the method), the path, and loss and accuracy at every λ, with every curve metric.</summary>
public sealed record CurveRecordRow(
    string Alignment, string Path, IReadOnlyList<double> Lambdas, IReadOnlyList<double> Loss, IReadOnlyList<double> Accuracy, IReadOnlyDictionary<string, double> Metrics);

/// <summary>The linear path's evaluation on a data set.</summary>
public sealed record CurveEvaluation(string Dataset, long TestSamples, long CalibrationSamples, IReadOnlyList<EndpointRecord> Endpoints, IReadOnlyList<CurveRecordRow> Curves);

/// <summary>alignment.json of an alignment of two imported checkpoints.</summary>
public sealed record CheckpointAlignmentRecord
{
    public required string A { get; init; }

    public required string B { get; init; }

    public required ModelSpec Model { get; init; }

    public required string Architecture { get; init; }

    public required string Method { get; init; }

    public required object Options { get; init; }

    /// <summary>The method keeps B's function (<see cref="MethodTraits.Exact"/>), so the function gate applies.</summary>
    public required bool Exact { get; init; }

    public required int Seed { get; init; }

    /// <summary>How each checkpoint's names were matched to the model's.</summary>
    public required CheckpointPair<string> Layout { get; init; }

    public required CheckpointPair<IReadOnlyList<DtypeConversion>> DtypeConversions { get; init; }

    public required string Probe { get; init; }

    /// <summary>The channel statistics inputs were standardised by (<c>--standardise</c>), or null.</summary>
    public InputStandardisation? Standardisation { get; init; }

    public required GateRecord Gates { get; init; }

    /// <summary>The method's objective summed over its groups, before and after.</summary>
    public required double ObjectiveBefore { get; init; }

    public required double ObjectiveAfter { get; init; }

    public required bool Converged { get; init; }

    public required IReadOnlyList<LayerDiagnostics> Diagnostics { get; init; }

    /// <summary>‖θ_A − θ_B‖ and ‖θ_A − θ_B'‖ over every parameter.</summary>
    public required double DistanceAB { get; init; }

    public required double DistanceAAligned { get; init; }

    public required double AlignSeconds { get; init; }

    /// <summary>The linear path's curves and metrics, when a data set was given; null otherwise.</summary>
    public CurveEvaluation? Evaluation { get; init; }

    public required double Seconds { get; init; }
}
