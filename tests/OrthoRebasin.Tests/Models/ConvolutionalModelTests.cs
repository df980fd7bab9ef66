using OrthoRebasin.Alignment;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Data;
using OrthoRebasin.Models;
using OrthoRebasin.Parameters;
using OrthoRebasin.Symmetry;
using static TorchSharp.torch;

namespace OrthoRebasin.Tests.Models;

public sealed class ConvolutionalModelTests
{
    private static readonly ImageShape Cifar = new(3, 32, 32);

    private static readonly ImageShape Small = new(3, 12, 12);

    /// <summary>Every convolutional model and normalisation, narrow enough for a unit test.</summary>
    public static TheoryData<string> Models => ["vgg-none", "vgg-batchnorm", "vgg-layernorm", "resnet-batchnorm", "resnet-layernorm", "resnet-batchnorm-shortcut3", "resnet-layernorm-width2"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Random_permutations_of_every_group_leave_the_logits_unchanged_in_evaluation_mode(string name)
    {
        // Given a model whose scales, shifts and running statistics are all random (so that none is trivially symmetric)
        var (model, shape) = Create(name);
        using var parameters = Randomised(model, 1);
        using var x = Images(shape, 6, 2);
        using var transform = RandomPermutations(model.Symmetry, 3);

        // When every group is permuted
        using var permuted = transform.Apply(model.Symmetry, parameters);

        // Then the weights moved, the logits did not
        using var logits = model.Forward(parameters, x);
        using var logitsPermuted = model.Forward(permuted, x);
        Assert.True(parameters.DistanceTo(permuted) > 1e-2, "the permutations moved nothing");
        Assert.True(ResidualMlpTests.RelativeDifference(logits, logitsPermuted) <= 1e-5,
            $"logits moved by {ResidualMlpTests.RelativeDifference(logits, logitsPermuted):E2} (relative)");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Random_permutations_leave_the_logits_and_the_updated_running_statistics_consistent_in_training_mode(string name)
    {
        // Given a model, its permuted copy and one training-mode batch
        var (model, shape) = Create(name);
        using var parameters = Randomised(model, 4);
        using var x = Images(shape, 8, 5);
        using var transform = RandomPermutations(model.Symmetry, 6);
        using var permuted = transform.Apply(model.Symmetry, parameters);

        // When both run the batch in training mode (BatchNorm normalises by the batch and updates its running statistics)
        using var logits = model.ForwardTraining(parameters, x);
        using var logitsPermuted = model.ForwardTraining(permuted, x);

        // Then the logits agree, and the updated statistics of the permuted copy are the permuted updated statistics
        Assert.True(ResidualMlpTests.RelativeDifference(logits, logitsPermuted) <= 1e-5,
            $"logits moved by {ResidualMlpTests.RelativeDifference(logits, logitsPermuted):E2} (relative)");
        using var updatedThenPermuted = transform.Apply(model.Symmetry, parameters);
        foreach (var statistic in model.Statistics)
        {
            Assert.True(TestModels.MaxAbsDifference(updatedThenPermuted[statistic], permuted[statistic]) <= 1e-5, statistic);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Weight_matching_recovers_a_planted_permutation_exactly(string name)
    {
        // Given B = a random permutation of A
        var (model, shape) = Create(name);
        using var a = Randomised(model, 7);
        using var planted = RandomPermutations(model.Symmetry, 8);
        using var b = planted.Apply(model.Symmetry, a);

        // When B is aligned onto A by weight matching
        var problem = new AlignmentProblem(model.Symmetry, a, b, (_, _) => throw new InvalidOperationException("weight matching reads no activations"), 0);
        using var result = AlignmentMethods.Registry.Get("weight-matching").Create(null).Align(problem);
        using var aligned = result.Transforms.Apply(model.Symmetry, b);

        // Then every parameter, running statistics included, is A's exactly
        foreach (var (parameter, tensor) in a.Entries)
        {
            Assert.True(TestModels.Identical(tensor, aligned[parameter]), $"{parameter} differs from A's after alignment");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Running_statistics_move_with_their_channels_but_are_never_matched_on(string name)
    {
        // Given
        var (model, _) = Create(name);

        // When
        var spec = model.Symmetry;

        // Then every statistic is carried by a group, none is among the matched parameters, and the model lists them
        Assert.Equal(model.Statistics.Order(), spec.Statistics.Keys.Order());
        Assert.DoesNotContain(spec.Axes.Keys, model.Statistics.Contains);
        Assert.All(spec.Statistics.Values, groups => Assert.NotNull(groups[0]));
        Assert.Equal(name.Contains("batchnorm", StringComparison.Ordinal), model.Statistics.Count > 0);
    }

    [Theory]
    [InlineData("vgg-none", null)]
    [InlineData("vgg-batchnorm", "features.1.weight")]
    [InlineData("vgg-layernorm", "features.1.weight")]
    [InlineData("resnet-batchnorm", "bn1.weight")]
    [InlineData("resnet-layernorm", "bn1.weight")]
    public void The_study_s_rotations_apply_to_channels_only_where_no_normalisation_scales_them(string name, string? blockedBy)
    {
        // Given a model and the study's Procrustes method (a rotation on every group)
        var (model, _) = Create(name);
        var procrustes = AlignmentMethods.Registry.Get("procrustes-weight");

        // When compatibility is derived from the method's traits and the model's groups
        var reason = MethodCompatibility.WhyNot(procrustes, model.Symmetry.Groups, model.Id);

        // Then a normalised model refuses it, naming the parameter, and permutations still run everywhere
        Assert.Equal(blockedBy, model.Symmetry.Groups[0].RotationBlockedBy);
        if (blockedBy is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.NotNull(reason);
            Assert.Contains($"'{blockedBy}'", reason, StringComparison.Ordinal);
        }

        Assert.Null(MethodCompatibility.WhyNot(AlignmentMethods.Registry.Get("weight-matching"), model.Symmetry.Groups, model.Id));
        Assert.Null(MethodCompatibility.WhyNot(AlignmentMethods.Registry.Get("activation-matching"), model.Symmetry.Groups, model.Id));
    }

    public static TheoryData<string> MethodsForVgg =>
        [.. AlignmentMethods.Registry.Ids.Where(id => MethodCompatibility.WhyNot(AlignmentMethods.Registry.Get(id), Create("vgg-none").Model.Symmetry.Groups, "vgg") is null)];

    [Theory]
    [MemberData(nameof(MethodsForVgg))]
    public void Every_method_that_a_vgg_without_normalisation_admits_aligns_it_with_orthogonal_transforms(string id)
    {
        // Given two random VGG-11s without normalisation and a few images for the activation-based methods
        var (model, shape) = Create("vgg-none");
        using var a = Randomised(model, 13);
        using var b = Randomised(model, 14);
        using var x = Images(shape, 4, 15);
        var problem = new AlignmentProblem(model.Symmetry, a, b, (p, kind) => model.GroupActivations(p, x, kind), 16);

        // When B is aligned onto A
        using var result = AlignmentMethods.Registry.Get(id).Create(null).Align(problem);
        using var aligned = result.Transforms.Apply(model.Symmetry, b);

        // Then every group has an orthogonal transform and the aligned model computes finite logits
        Assert.All(model.Symmetry.Groups, g => Assert.True(result.Transforms.OrthogonalityDefect(g.Name) < 1e-6, $"{g.Name}: {result.Transforms.OrthogonalityDefect(g.Name):E2}"));
        using var logits = model.Forward(aligned, x);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void A_vgg_refuses_images_its_poolings_do_not_bring_to_one_pixel()
    {
        // Given MNIST-sized images
        var mnist = new ImageShape(1, 28, 28);

        // When
        var error = Assert.Throws<ArgumentException>(() => Architectures.Registry.Get("vgg").Create(null, mnist, 10));

        // Then
        Assert.Contains("32 to 63 pixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("28×28", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_resnet20_spec_ties_each_stage_s_stream_through_its_shortcuts()
    {
        // Given
        var model = new ResNet(Cifar, 1, Normalisation.Batchnorm, 1, 10);

        // When
        var spec = model.Symmetry;

        // Then three stream groups and nine block groups; the stem and every block's second convolution write the stream
        Assert.Equal(12, spec.Groups.Count);
        Assert.Equal(["P_layer1", null, null, null], spec.Axes["conv1.weight"]);
        Assert.Equal(["P_layer1", "P_layer1.2", null, null], spec.Axes["layer1.2.conv2.weight"]);
        Assert.Equal(["P_layer2", "P_layer1", null, null], spec.Axes["layer2.0.shortcut.0.weight"]);
        Assert.Equal(["P_layer2.0", "P_layer1", null, null], spec.Axes["layer2.0.conv1.weight"]);
        Assert.Equal(["P_layer3"], spec.Statistics["layer3.2.bn2.running_mean"]);
        Assert.Equal([null, "P_layer3"], spec.Axes["linear.weight"]);
        Assert.Equal([16, 16, 32, 64], new[] { "P_layer1", "P_layer1.0", "P_layer2", "P_layer3.1" }.Select(g => spec.Group(g).Size));
        Assert.DoesNotContain(spec.Axes.Keys, p => p.EndsWith("conv1.bias", StringComparison.Ordinal));
    }

    [Fact]
    public void Channel_activations_are_rows_of_positions_and_a_stage_s_stream_stacks_its_depths()
    {
        // Given a ResNet-20 on 12×12 images: stage 1 at 12×12, stage 2 at 6×6
        var model = new ResNet(Small, 1, Normalisation.Layernorm, 1, 10);
        using var parameters = Randomised(model, 9);
        using var x = Images(Small, 5, 10);

        // When
        var activations = model.GroupActivations(parameters, x, ActivationKind.Post);

        // Then a block's hidden channels are one row per position; stage 1's stream has the stem and three blocks
        Assert.Equal([5L * 12 * 12, 16L], activations["P_layer1.0"].shape);
        Assert.Equal([4L * 5 * 12 * 12, 16L], activations["P_layer1"].shape);
        Assert.Equal([3L * 5 * 6 * 6, 32L], activations["P_layer2"].shape);
        Assert.Equal(model.Symmetry.Groups.Select(g => g.Name).Order(), activations.Keys.Order());
        foreach (var tensor in activations.Values)
        {
            tensor.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_correctable_layer_s_output_has_one_column_per_channel_of_its_group(string name)
    {
        // Given
        var (model, shape) = Create(name);
        using var parameters = Randomised(model, 11);
        using var x = Images(shape, 3, 12);

        // When / Then: each correctable layer's weight and bias exist, and its output has as many columns as its bias
        for (var layer = 0; layer < model.CorrectableLayers.Count; layer++)
        {
            var (weight, bias) = model.CorrectableLayers[layer];
            using var z = model.PreActivation(parameters, x, layer);
            Assert.Equal(parameters[bias].shape[0], z.shape[1]);
            Assert.Equal(parameters[weight].shape[0], z.shape[1]);
        }
    }

    [Fact]
    public void A_vgg_draws_pytorch_default_weights_unless_asked_for_kaiming_and_the_same_seed_draws_the_same_biases()
    {
        // Given VGG-11 at width ½ (its wider convolutions have 64·9 to 256·9 inputs, enough draws for a spread)
        var pytorch = new Vgg(Cifar, 11, 0.5, Normalisation.None, 10);
        var kaiming = new Vgg(Cifar, 11, 0.5, Normalisation.None, 10, Initialisation.Kaiming);

        // When both are drawn from the same seed
        using var g1 = new Generator(4);
        using var g2 = new Generator(4);
        using var a = pytorch.Initialize(g1, CPU);
        using var b = kaiming.Initialize(g2, CPU);

        // Then PyTorch's default stays inside ±1/√fan_in (std 1/√(3·fan_in)) and kaiming's std is √(2/fan_in), layer by layer
        foreach (var name in a.Names.Where(n => n.EndsWith(".weight", StringComparison.Ordinal)))
        {
            var fanIn = a[name].shape.Skip(1).Aggregate(1L, (x, y) => x * y);
            Assert.True(a[name].abs().max().item<float>() <= 1 / Math.Sqrt(fanIn), name);
            Assert.Equal(1 / Math.Sqrt(3.0 * fanIn), a[name].std().item<float>(), 1 / Math.Sqrt(3.0 * fanIn) * 0.15);
            Assert.Equal(Math.Sqrt(2.0 / fanIn), b[name].std().item<float>(), Math.Sqrt(2.0 / fanIn) * 0.15);
        }

        Assert.Equal(Initialisation.Pytorch, pytorch.Init);
        Assert.Equal(Initialisation.Kaiming, kaiming.Init);
    }

    [Theory]
    [InlineData("vgg-none")]
    [InlineData("vgg-batchnorm")]
    [InlineData("vgg-layernorm")]
    public void A_vgg_s_channels_last_pass_gives_the_logits_of_the_plain_nchw_composition_of_its_layers(string name)
    {
        // Given a vgg with random normalisation parameters and a batch of images
        var (model, shape) = Create(name);
        var vgg = (Vgg)model;
        using var parameters = Randomised(model, 12);
        using var x = Images(shape, 5, 13);

        // When its logits are computed by the model (channels-last memory) and by composing PyTorch's NCHW operations
        // layer by layer as the published module would (LayerNorm as layer_norm over the channels of each position)
        using var logits = model.Forward(parameters, x);
        using var scope = NewDisposeScope();
        var h = x.reshape(5, shape.Channels, shape.Height, shape.Width).contiguous();
        var index = 0;
        foreach (var channels in Vgg.Layouts[11])
        {
            if (channels == 0)
            {
                h = nn.functional.max_pool2d(h, [2, 2], [2, 2]);
                index++;
                continue;
            }

            var conv = $"features.{index}";
            h = nn.functional.conv2d(h, parameters[$"{conv}.weight"], parameters[$"{conv}.bias"], padding: [1, 1]);
            var norm = $"features.{index + 1}";
            h = vgg.Normalisation switch
            {
                Normalisation.Batchnorm => nn.functional.batch_norm(h, parameters[$"{norm}.running_mean"], parameters[$"{norm}.running_var"],
                    parameters[$"{norm}.weight"], parameters[$"{norm}.bias"], training: false, eps: 1e-5),
                Normalisation.Layernorm => nn.functional.layer_norm(h.permute(0, 2, 3, 1), [h.shape[1]], parameters[$"{norm}.weight"],
                    parameters[$"{norm}.bias"], eps: 1e-5).permute(0, 3, 1, 2).contiguous(),
                _ => h,
            };
            h = nn.functional.relu(h);
            index += vgg.Normalisation == Normalisation.None ? 2 : 3;
        }

        var reference = nn.functional.linear(h.flatten(1), parameters["classifier.weight"], parameters["classifier.bias"]);

        // Then the two agree to float rounding
        Assert.True(h.is_contiguous(), "the reference ran in NCHW memory");
        Assert.True(ResidualMlpTests.RelativeDifference(logits, reference) <= 1e-5,
            $"logits differ by {ResidualMlpTests.RelativeDifference(logits, reference):E2} (relative)");
    }

    internal static (IArchitecture Model, ImageShape Shape) Create(string name)
    {
        var normalisation = name.Contains("batchnorm", StringComparison.Ordinal) ? Normalisation.Batchnorm
            : name.Contains("layernorm", StringComparison.Ordinal) ? Normalisation.Layernorm : Normalisation.None;
        return name.StartsWith("vgg", StringComparison.Ordinal)
            ? (new Vgg(Cifar, 11, 0.0625, normalisation, 10), Cifar)
            : (new ResNet(Small, name.EndsWith("width2", StringComparison.Ordinal) ? 2 : 1, normalisation, name.EndsWith("shortcut3", StringComparison.Ordinal) ? 3 : 1, 10), Small);
    }

    /// <summary>Initialised parameters with every normalisation scale, shift and running statistic drawn at random.</summary>
    internal static ParameterSet Randomised(IArchitecture model, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var initial = model.Initialize(generator, CPU);
        return initial.Map((name, tensor) =>
        {
            using var scope = NewDisposeScope();
            var isNorm = tensor.dim() == 1 && !name.StartsWith("classifier", StringComparison.Ordinal) && !name.StartsWith("linear", StringComparison.Ordinal)
                         && !(name.StartsWith("features", StringComparison.Ordinal) && model.Symmetry.Axes.TryGetValue(name.Replace(".bias", ".weight", StringComparison.Ordinal), out var g) && g.Count == 4);
            var result = !isNorm ? tensor.clone()
                : name.EndsWith("running_var", StringComparison.Ordinal) || name.EndsWith(".weight", StringComparison.Ordinal) ? rand(tensor.shape, generator: generator) + 0.5
                : randn(tensor.shape, generator: generator) * 0.2;
            return result.MoveToOuterDisposeScope();
        });
    }

    internal static Tensor Images(ImageShape shape, int count, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return randn(count, shape.Size, generator: generator);
    }

    internal static GroupTransforms RandomPermutations(SymmetrySpec spec, int seed)
    {
        var random = new Random(seed);
        return new GroupTransforms(spec.Groups.ToDictionary(g => g.Name,
            g => GroupTransforms.PermutationMatrix(Enumerable.Range(0, g.Size).OrderBy(_ => random.Next()).ToArray())));
    }
}
