using OrthoRebasin.Data;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Interpolation;

public sealed class RenormalisationTests
{
    private const int Samples = 200;

    private static readonly LinearPath Linear = new();

    public static TheoryData<string, Correction> Models()
    {
        var data = new TheoryData<string, Correction>();
        foreach (var model in new[] { "mlp", "residual-mlp", "vgg", "vgg-batchnorm", "resnet-layernorm" })
        {
            foreach (var kind in new[] { Correction.Repair, Correction.Rescale, Correction.Reshift })
            {
                data.Add(model, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_correction_returns_the_endpoints_exactly_at_lambda_zero_and_one(string model, Correction kind)
    {
        // Given two random networks and calibration inputs
        var (architecture, features) = Architecture(model);
        using var a = Random(architecture, 1);
        using var b = Random(architecture, 2);
        using var x = TestModels.Inputs(SamplesFor(model), features, 3);

        // When the linear path's endpoints are corrected
        using var start = Linear.At(a, b, 0.0);
        using var end = Linear.At(a, b, 1.0);
        using var correctedStart = Renormalisation.Correct(architecture, start, a, b, 0.0, x, kind);
        using var correctedEnd = Renormalisation.Correct(architecture, end, a, b, 1.0, x, kind);

        // Then they are A and B bit for bit
        foreach (var name in a.Names)
        {
            Assert.True(TestModels.Identical(correctedStart[name], a[name]), $"{name} at λ = 0");
            Assert.True(TestModels.Identical(correctedEnd[name], b[name]), $"{name} at λ = 1");
        }
    }

    [Theory]
    [InlineData("mlp", 0.5)]
    [InlineData("mlp", 0.3)]
    [InlineData("residual-mlp", 0.5)]
    [InlineData("residual-mlp", 0.8)]
    [InlineData("vgg", 0.5)]
    [InlineData("vgg-batchnorm", 0.4)]
    [InlineData("resnet-layernorm", 0.5)]
    [InlineData("resnet-batchnorm", 0.6)]
    public void Repair_matches_every_unit_to_its_target_statistics(string model, double lambda)
    {
        // Given two random networks, the midpoint of the linear path and calibration inputs
        var (architecture, features) = Architecture(model);
        using var a = Random(architecture, 1);
        using var b = Random(architecture, 2);
        using var x = TestModels.Inputs(SamplesFor(model), features, 3);
        using var theta = Linear.At(a, b, lambda);

        // When it is repaired
        using var repaired = Renormalisation.Correct(architecture, theta, a, b, lambda, x, Correction.Repair);

        // Then every unit of every correctable layer has the interpolated endpoint mean and std (1e-5 relative to the
        // unit's target scale: a mean near zero has no relative error of its own)
        var statsA = Renormalisation.Measure(architecture, a, x);
        var statsB = Renormalisation.Measure(architecture, b, x);
        var after = Renormalisation.Measure(architecture, repaired, x);
        for (var l = 0; l < after.Count; l++)
        {
            var targetMean = Values(statsA[l].Mean, statsB[l].Mean, lambda);
            var targetStd = Values(statsA[l].Std, statsB[l].Std, lambda);
            var mean = after[l].Mean.data<double>().ToArray();
            var std = after[l].Std.data<double>().ToArray();
            for (var i = 0; i < mean.Length; i++)
            {
                var scale = Math.Max(Math.Abs(targetMean[i]), targetStd[i]);
                Assert.True(Math.Abs(mean[i] - targetMean[i]) <= 1e-5 * scale, $"layer {l} unit {i}: mean {mean[i]} vs target {targetMean[i]}");
                Assert.True(Math.Abs(std[i] - targetStd[i]) <= 1e-5 * targetStd[i], $"layer {l} unit {i}: std {std[i]} vs target {targetStd[i]}");
            }
        }

        // and the repair changed something: the interpolated network's statistics were off target
        var before = Renormalisation.Measure(architecture, theta, x);
        Assert.True(MaxAbs(before[0].Std, statsA[0].Std, statsB[0].Std, lambda) > 1e-3, "the midpoint already had the target spread");
        DisposeAll(statsA, statsB, after, before);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void On_B_equal_to_A_the_corrected_path_is_A_at_every_lambda(string model, Correction kind)
    {
        // Given B' = A
        var (architecture, features) = Architecture(model);
        using var a = Random(architecture, 1);
        using var b = a.Clone();
        using var x = TestModels.Inputs(SamplesFor(model), features, 3);

        foreach (var lambda in new[] { 0.1, 0.5, 0.75 })
        {
            // When the path is corrected at λ
            using var theta = Linear.At(a, b, lambda);
            using var corrected = Renormalisation.Correct(architecture, theta, a, b, lambda, x, kind);

            // Then it is A
            foreach (var name in a.Names)
            {
                var difference = TestModels.MaxAbsDifference(corrected[name], a[name]);
                Assert.True(difference <= 1e-6, $"{name} at λ = {lambda}: {difference:E2}");
            }
        }
    }

    [Theory]
    [InlineData("mlp", Correction.Rescale)]
    [InlineData("mlp", Correction.Reshift)]
    [InlineData("residual-mlp", Correction.Rescale)]
    [InlineData("residual-mlp", Correction.Reshift)]
    public void Rescale_changes_only_the_spread_and_reshift_only_the_centre(string model, Correction kind)
    {
        // Given the midpoint of the linear path between two random networks
        var (architecture, features) = Architecture(model);
        using var a = Random(architecture, 1);
        using var b = Random(architecture, 2);
        using var x = TestModels.Inputs(SamplesFor(model), features, 3);
        using var theta = Linear.At(a, b, 0.5);
        var statsA = Renormalisation.Measure(architecture, a, x);
        var statsB = Renormalisation.Measure(architecture, b, x);

        // When it is corrected
        using var corrected = Renormalisation.Correct(architecture, theta, a, b, 0.5, x, kind);

        // Then at every layer, against the same network with only that layer uncorrected (its inputs as corrected):
        // rescale kept every mean and hit the target std; reshift kept every std and hit the target mean
        var layers = architecture.CorrectableLayers;
        for (var l = 0; l < layers.Count; l++)
        {
            using var uncorrected = WithLayer(corrected, theta, layers[l]);
            using var zBefore = architecture.PreActivation(uncorrected, x, l);
            using var zAfter = architecture.PreActivation(corrected, x, l);
            using var before = UnitStatistics.Of(zBefore);
            using var after = UnitStatistics.Of(zAfter);
            var (kept, keptAfter) = kind == Correction.Rescale ? (before.Mean, after.Mean) : (before.Std, after.Std);
            var (moved, target) = kind == Correction.Rescale
                ? (after.Std, Values(statsA[l].Std, statsB[l].Std, 0.5))
                : (after.Mean, Values(statsA[l].Mean, statsB[l].Mean, 0.5));
            var scale = before.Std.max().item<double>();
            Assert.True(TestModels.MaxAbsDifference(kept, keptAfter) <= 1e-5 * scale, $"layer {l}: the {(kind == Correction.Rescale ? "mean" : "std")} moved");
            var hit = moved.data<double>().ToArray().Zip(target, (m, t) => Math.Abs(m - t)).Max();
            Assert.True(hit <= 1e-5 * scale, $"layer {l}: {hit:E2} off target");
            // (an mlp's first pre-activation is linear in the parameters, so on the linear path its mean is on target already)
            if (l > 0 || kind == Correction.Rescale || architecture is not Mlp)
            {
                var changed = TestModels.MaxAbsDifference(before.Mean, after.Mean) + TestModels.MaxAbsDifference(before.Std, after.Std);
                Assert.True(changed > 1e-4 * scale, $"layer {l}: nothing changed");
            }
        }

        DisposeAll(statsA, statsB);
    }

    [Fact]
    public void A_unit_below_the_std_floor_is_left_as_it_is()
    {
        // Given an interpolated MLP whose first hidden unit reads no input: a constant pre-activation (σ = 0)
        var architecture = new Mlp(6, [5, 4], 3);
        using var a = TestModels.Random(architecture, 1);
        using var b = TestModels.Random(architecture, 2);
        using var x = TestModels.Inputs(Samples, 6, 3);
        using var interpolated = Linear.At(a, b, 0.5);
        using var theta = interpolated.Map((name, t) =>
        {
            var copy = t.clone();
            if (name == Mlp.WeightName(0))
            {
                copy[0].zero_();
            }

            return copy;
        });

        // When it is repaired
        using var repaired = Renormalisation.Correct(architecture, theta, a, b, 0.5, x, Correction.Repair);

        // Then that unit's row and bias are unchanged and the other units were corrected
        Assert.True(TestModels.Identical(repaired[Mlp.WeightName(0)][0], theta[Mlp.WeightName(0)][0]));
        Assert.True(TestModels.Identical(repaired[Mlp.BiasName(0)][0], theta[Mlp.BiasName(0)][0]));
        Assert.False(TestModels.Identical(repaired[Mlp.WeightName(0)][1], theta[Mlp.WeightName(0)][1]));
    }

    [Fact]
    public void Correcting_leaves_its_inputs_unchanged_and_none_copies_theta()
    {
        // Given
        var architecture = new Mlp(6, [5, 4], 3);
        using var a = TestModels.Random(architecture, 1);
        using var b = TestModels.Random(architecture, 2);
        using var x = TestModels.Inputs(Samples, 6, 3);
        using var theta = Linear.At(a, b, 0.4);
        using var thetaCopy = theta.Clone();
        using var aCopy = a.Clone();

        // When
        using var repaired = Renormalisation.Correct(architecture, theta, a, b, 0.4, x, Correction.Repair);
        using var none = Renormalisation.Correct(architecture, theta, a, b, 0.4, x, Correction.None);

        // Then
        foreach (var name in a.Names)
        {
            Assert.True(TestModels.Identical(theta[name], thetaCopy[name]), $"θ {name} changed");
            Assert.True(TestModels.Identical(a[name], aCopy[name]), $"A {name} changed");
            Assert.True(TestModels.Identical(none[name], theta[name]), $"none changed {name}");
            Assert.NotSame(none[name], theta[name]);
        }

        Assert.True(TestModels.Identical(repaired["layers.2.weight"], theta["layers.2.weight"]), "the output layer is not corrected");
    }

    /// <summary>Calibration samples: fewer images for a convolutional model, each of whose positions is a sample of every channel.</summary>
    private static int SamplesFor(string model) => model.StartsWith("vgg", StringComparison.Ordinal) ? 12 : model.StartsWith("resnet", StringComparison.Ordinal) ? 24 : Samples;

    private static (IArchitecture Architecture, int Features) Architecture(string model) => model switch
    {
        "mlp" => (new Mlp(12, [16, 8, 10], 4), 12),
        "residual-mlp" => (new ResidualMlp(12, 8, 3, 16, 4), 12),
        _ => Convolutional(model),
    };

    /// <summary>A narrow VGG-11 on 32×32 images or ResNet-20 on 8×8, by name (<c>vgg</c>, <c>vgg-batchnorm</c>, <c>resnet-layernorm</c>, …).</summary>
    private static (IArchitecture Architecture, int Features) Convolutional(string model)
    {
        var normalisation = model.EndsWith("batchnorm", StringComparison.Ordinal) ? Normalisation.Batchnorm
            : model.EndsWith("layernorm", StringComparison.Ordinal) ? Normalisation.Layernorm : Normalisation.None;
        return model.StartsWith("vgg", StringComparison.Ordinal)
            ? (new Vgg(new ImageShape(3, 32, 32), 11, 0.0625, normalisation, 4), 3 * 32 * 32)
            : model.StartsWith("resnet", StringComparison.Ordinal)
                ? (new ResNet(new ImageShape(2, 8, 8), 1, normalisation, 1, 4), 2 * 8 * 8)
                : throw new ArgumentException(model);
    }

    private static ParameterSet Random(IArchitecture architecture, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return architecture.Initialize(generator, CPU);
    }

    private static double[] Values(Tensor a, Tensor b, double lambda) =>
        a.data<double>().ToArray().Zip(b.data<double>().ToArray(), (x, y) => (1 - lambda) * x + lambda * y).ToArray();

    private static double MaxAbs(Tensor actual, Tensor a, Tensor b, double lambda) =>
        actual.data<double>().ToArray().Zip(Values(a, b, lambda), (x, t) => Math.Abs(x - t)).Max();

    /// <summary><paramref name="corrected"/> with one layer's weight and bias taken from <paramref name="original"/>.</summary>
    private static ParameterSet WithLayer(ParameterSet corrected, ParameterSet original, CorrectableLayer layer) =>
        corrected.Map((name, t) => name == layer.Weight || name == layer.Bias ? original[name].clone() : t.clone());

    private static void DisposeAll(params List<UnitStatistics>[] lists)
    {
        foreach (var stats in lists.SelectMany(l => l))
        {
            stats.Dispose();
        }
    }
}
