using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Alignment.Solvers;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Tests.Models;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Alignment;

public sealed class StreamedActivationTests
{
    [Theory]
    [InlineData("resnet-batchnorm", true)]
    [InlineData("resnet-layernorm", false)]
    [InlineData("vgg-none", true)]
    public void Streaming_the_correlations_slice_by_slice_gives_the_whole_sample_s_correlations(string name, bool center)
    {
        // Given two random networks and a fixed sample of 10 images, offered whole and in slices of 3
        var (model, shape) = ConvolutionalModelTests.Create(name);
        using var a = ConvolutionalModelTests.Randomised(model, 1);
        using var b = ConvolutionalModelTests.Randomised(model, 2);
        using var x = ConvolutionalModelTests.Images(shape, 10, 3);
        var whole = Problem(model, a, b, x, sliceSize: null);
        var streamed = Problem(model, a, b, x, sliceSize: 3);

        // When the correlations are computed both ways
        var expected = ActivationCorrelation.ForEveryGroup(whole, ActivationKind.Post, center);
        var actual = ActivationCorrelation.ForEveryGroup(streamed, ActivationKind.Post, center);

        // Then they agree for every group to the float32 rounding of the activations (a convolution of 3 images and of 10
        // need not round alike)
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (group, correlation) in expected)
        {
            var scale = correlation.abs().max().item<double>();
            var difference = TestModels.MaxAbsDifference(correlation, actual[group]);
            Assert.True(difference <= 1e-5 * scale, $"{group}: {difference:E2} against a scale of {scale:E2}");
        }

        foreach (var tensor in expected.Values.Concat(actual.Values))
        {
            tensor.Dispose();
        }
    }

    [Theory]
    [InlineData("vgg-batchnorm")]
    [InlineData("resnet-batchnorm")]
    [InlineData("resnet-layernorm-width2")]
    public void Streamed_activation_matching_recovers_a_planted_permutation_exactly(string name)
    {
        // Given B = a random permutation of A and a sample streamed in slices of 4
        var (model, shape) = ConvolutionalModelTests.Create(name);
        using var a = ConvolutionalModelTests.Randomised(model, 4);
        using var planted = ConvolutionalModelTests.RandomPermutations(model.Symmetry, 5);
        using var b = planted.Apply(model.Symmetry, a);
        using var x = ConvolutionalModelTests.Images(shape, 12, 6);

        // When B is aligned onto A by centred activation matching on the channels entering each ReLU (after a random
        // initialisation some channels are dead after it, and a dead channel matches any other dead one)
        var method = AlignmentMethods.Registry.Get("activation-matching").Create(new ActivationMatchingOptions { Activations = ActivationKind.Pre, Center = true });
        using var result = method.Align(Problem(model, a, b, x, sliceSize: 4));
        using var aligned = result.Transforms.Apply(model.Symmetry, b);

        // Then B' is A, parameter for parameter
        foreach (var (parameter, tensor) in a.Entries)
        {
            Assert.True(TestModels.Identical(tensor, aligned[parameter]), $"{parameter} differs from A's after alignment");
        }
    }

    public static TheoryData<string> RotationMethods() => ["procrustes-activation", "procrustes-activation-parallel", "stiefel-activation"];

    [Theory]
    [MemberData(nameof(RotationMethods))]
    public void The_activation_based_rotations_find_the_same_transforms_streamed_as_on_the_whole_sample(string method)
    {
        // Given two random VGGs without normalisation (rotations apply to their channels) and 40 images (more than the
        // widest layer has channels, at 1×1 after the last pool), offered whole and in slices of 7
        var (model, shape) = ConvolutionalModelTests.Create("vgg-none");
        using var a = ConvolutionalModelTests.Randomised(model, 1);
        using var b = ConvolutionalModelTests.Randomised(model, 2);
        using var x = ConvolutionalModelTests.Images(shape, 40, 3);
        IAlignmentMethod Create() => method switch
        {
            "procrustes-activation" => AlignmentMethods.Registry.Get(method).Create(new ProcrustesActivationOptions { Activations = ActivationKind.Pre, Center = true }),
            "procrustes-activation-parallel" => AlignmentMethods.Registry.Get("procrustes-activation").Create(new ProcrustesActivationOptions { Activations = ActivationKind.Pre, Sequential = false }),
            _ => AlignmentMethods.Registry.Get(method).Create(new StiefelActivationOptions { Steps = 20 }),
        };

        // When B is aligned both ways (Procrustes on the channels entering the ReLU: a random network's dead channels
        // after it leave the correlation singular, and its polar factor then is not unique)
        using var whole = Create().Align(Problem(model, a, b, x, sliceSize: null));
        using var streamed = Create().Align(Problem(model, a, b, x, sliceSize: 7));

        // Then every group's transform agrees to the float32 rounding of the activations the sums are made of
        foreach (var group in model.Symmetry.Groups)
        {
            var difference = TestModels.MaxAbsDifference(whole.Transforms[group.Name], streamed.Transforms[group.Name]);
            Assert.True(difference <= 1e-4, $"{group.Name}: the transforms differ by {difference:E2}");
        }
    }

    private static AlignmentProblem Problem(IArchitecture model, ParameterSet a, ParameterSet b, Tensor x, int? sliceSize) =>
        new(model.Symmetry, a, b, (p, kind) => model.GroupActivations(p, x, kind), 0)
        {
            Slices = sliceSize is null ? null : (p, kind, start, count) => model.GroupActivations(p, x.narrow(0, start, count), kind),
            SampleCount = x.shape[0],
            SliceSize = sliceSize ?? 0,
        };
}
