
namespace OrthoRebasin.Tests.Manifest;

// Each case edits one line of TempManifest.Recipe or TempManifest.Experiments; the positions are read off those texts.
public sealed class ManifestErrorTests
{
    [Theory]
    [InlineData("unknown key", "  epochs: 2", "  epoch: 2", 8, 3,
        "unknown key 'epoch' in training; valid keys: optimizer, epochs, batch_size, learning_rate, momentum, weight_decay, early_stopping_patience, augmentation, schedule, label_smoothing. Did you mean 'epochs'?")]
    [InlineData("unknown key, no close match", "  epochs: 2", "  epochs: 2\n  lr: 0.1", 9, 3,
        "unknown key 'lr' in training; valid keys: optimizer, epochs, batch_size, learning_rate, momentum, weight_decay, early_stopping_patience, augmentation, schedule, label_smoothing. Remove it or use one of the valid keys")]
    [InlineData("unknown top-level key", "methods:", "method:", 9, 1, "unknown key 'method' at the top level; valid keys: data, model, training, methods, paths, lambdas, evaluation, convention_draws. Did you mean 'methods'?")]
    [InlineData("missing required key", "  epochs: 2\n", "", 7, 3, "missing required key 'epochs' in training. Add 'epochs: <integer>'")]
    [InlineData("missing required section", "data:\n  dataset: uci-digits\n", "", 1, 1, "missing required key 'data' at the top level")]
    [InlineData("duplicate key", "  epochs: 2", "  epochs: 2\n  epochs: 3", 9, 3, "duplicate key 'epochs' (first written at line 8, column 3). Remove one of them")]
    [InlineData("wrong type", "epochs: 2", "epochs: ten", 8, 11, "training.epochs: expected an integer, got 'ten'. Write a whole number such as 20")]
    [InlineData("quoted number", "epochs: 2", "epochs: \"2\"", 8, 11, "training.epochs: expected an integer, got the quoted string '2'")]
    [InlineData("mapping for a list", "hidden: [8, 8]", "hidden: { a: 8 }", 5, 11, "model.hidden: expected a sequence, got a mapping")]
    [InlineData("unknown enum value", "optimizer: adam", "optimizer: adams", 7, 14, "unknown value 'adams' for training.optimizer; valid values: adam, sgd. Did you mean 'adam'?")]
    [InlineData("unknown method", "id: weight-matching", "id: weight-matchin", 11, 9,
        "unknown method 'weight-matchin'; valid ids: identity, weight-matching, activation-matching, procrustes-weight")]
    [InlineData("unknown data set", "dataset: uci-digits", "dataset: imagenet", 2, 12, "unknown data set 'imagenet'; valid ids: uci-digits, mnist, fashion-mnist, cifar10. Use one of them")]
    [InlineData("unknown model", "architecture: mlp", "architecture: cnn", 4, 17, "unknown model 'cnn'; valid ids: mlp, residual-mlp, vgg, resnet20.")]
    [InlineData("residual model without a key", "architecture: mlp\n  hidden: [8, 8]", "architecture: residual-mlp\n  width: 8\n  blocks: 2", 4, 3,
        "missing required key 'block_hidden' in model (architecture residual-mlp takes width, blocks, block_hidden). Add 'block_hidden: <integer>'")]
    [InlineData("mlp key on a residual model", "architecture: mlp", "architecture: residual-mlp\n  width: 8\n  blocks: 2\n  block_hidden: 8", 8, 3,
        "model.hidden is not a key of architecture 'residual-mlp', which takes width, blocks, block_hidden. Remove it")]
    [InlineData("residual key on an mlp", "hidden: [8, 8]", "hidden: [8, 8]\n  blocks: 2", 6, 3,
        "model.blocks is not a key of architecture 'mlp', which takes hidden. Remove it")]
    [InlineData("residual width below 1", "architecture: mlp\n  hidden: [8, 8]", "architecture: residual-mlp\n  width: 0\n  blocks: 2\n  block_hidden: 8", 5, 10,
        "model.width must be at least 1, got 0")]
    [InlineData("mlp without hidden", "  hidden: [8, 8]\n", "", 4, 3, "missing required key 'hidden' in model (architecture mlp takes hidden). Add 'hidden: [...]'")]
    [InlineData("residual method on an mlp", "id: weight-matching\n    options: { max_iter: 10 }", "id: residual-procrustes", 11, 9,
        "methods[1]: method 'residual-procrustes' cannot run on model 'mlp': it needs at least one orthogonal symmetry group, and model 'mlp' has only permutation groups (P_1, P_2)")]
    [InlineData("unknown path", "methods:", "paths: [{ id: curved }]\nmethods:", 9, 15, "unknown path 'curved'; valid ids: linear, slerp.")]
    [InlineData("unknown option", "{ max_iter: 10 }", "{ max_iters: 10 }", 12, 16, "unknown key 'max_iters' in methods[1].options; valid keys: max_iter. Did you mean 'max_iter'?")]
    [InlineData("wrong option type", "{ max_iter: 10 }", "{ max_iter: many }", 12, 26, "methods[1].options.max_iter: expected an integer, got 'many'")]
    [InlineData("option of a method without options", "  - id: identity", "  - id: identity\n    options: { max_iter: 3 }", 11, 16,
        "unknown key 'max_iter' in methods[0].options; 'identity' takes no options. Remove 'options'")]
    [InlineData("option out of range", "{ max_iter: 10 }", "{ max_iter: 0 }", 12, 26, "methods[1].options.max_iter must be at least 1, got 0")]
    [InlineData("option above its bound", "{ max_iter: 10 }", "{ max_iter: 100001 }", 12, 26, "methods[1].options.max_iter must be at most 100000")]
    [InlineData("enum option of an orthogonal method", "id: weight-matching\n    options: { max_iter: 10 }", "id: svd-weight\n    options: { sign_fix: flip }", 12, 26,
        "unknown value 'flip' for methods[1].options.sign_fix; valid values: none, match.")]
    [InlineData("augmentation crop below 0", "  epochs: 2", "  epochs: 2\n  augmentation: { random_crop: -1 }", 9, 32, "training.augmentation.random_crop must be at least 0, got -1")]
    [InlineData("augmentation crop as large as the image", "  epochs: 2", "  epochs: 2\n  augmentation: { random_crop: 8 }", 9, 32,
        "training.augmentation.random_crop is 8, but uci-digits images are 8x8: a padding of 8 or more can crop an image to nothing but padding. Use a value below 8")]
    [InlineData("unknown augmentation", "  epochs: 2", "  epochs: 2\n  augmentation: { random_crops: 4 }", 9, 19,
        "unknown key 'random_crops' in training.augmentation; valid keys: random_crop, horizontal_flip. Did you mean 'random_crop'?")]
    [InlineData("augmentation flip not a boolean", "  epochs: 2", "  epochs: 2\n  augmentation: { horizontal_flip: 0.5 }", 9, 36, "training.augmentation.horizontal_flip: expected true or false, got '0.5'")]
    [InlineData("epochs below 1", "epochs: 2", "epochs: 0", 8, 11, "training.epochs must be at least 1, got 0")]
    [InlineData("lambdas below 2", "methods:", "lambdas: 1\nmethods:", 9, 10, "lambdas must be at least 2, got 1")]
    [InlineData("hidden width below 1", "hidden: [8, 8]", "hidden: [8, 0]", 5, 15, "model.hidden[1] must be at least 1, got 0")]
    [InlineData("no hidden layer", "hidden: [8, 8]", "hidden: []", 5, 11, "model.hidden is empty. Add at least a hidden layer width")]
    [InlineData("duplicate method", "  - id: weight-matching\n    options: { max_iter: 10 }", "  - id: identity", 11, 9,
        "duplicate method id 'identity' (first at line 10, column 9)")]
    [InlineData("duplicate path", "methods:", "paths: [{ id: linear }, { id: linear }]\nmethods:", 9, 31,
        "duplicate path label 'linear' (first at line 9, column 15). Give each path a distinct id or correction, or remove one")]
    [InlineData("duplicate corrected path", "methods:", "paths: [{ id: linear, options: { correction: repair } }, { id: linear, options: { correction: repair } }]\nmethods:", 9, 64,
        "duplicate path label 'linear-repair' (first at line 9, column 15)")]
    [InlineData("unknown correction", "methods:", "paths: [{ id: slerp, options: { correction: repairs } }]\nmethods:", 9, 45,
        "unknown value 'repairs' for paths[0].options.correction; valid values: none, repair, rescale, reshift, reset. Did you mean 'repair'?")]
    [InlineData("calibration below 0", "methods:", "paths: [{ id: linear, options: { correction: repair, calibration: -1 } }]\nmethods:", 9, 67,
        "paths[0].options.calibration must be at least 0, got -1")]
    [InlineData("calibration beyond the training subset", "methods:", "paths: [{ id: linear, options: { correction: repair, calibration: 2000 } }]\nmethods:", 9, 67,
        "paths[0].options.calibration is 2000, but the training subset it is taken from has 1000 samples (evaluation.train_subset). Use at most 1000, or 0 for all of them")]
    [InlineData("calibration without a correction", "methods:", "paths: [{ id: linear, options: { calibration: 10 } }]\nmethods:", 9, 47,
        "paths[0].options.calibration is 10, but path 'linear' has no correction to calibrate")]
    [InlineData("epochs above their bound", "epochs: 2", "epochs: 100001", 8, 11,
        "training.epochs must be at most 100000, got 100001: it bounds the training time of every model. Use a value ≤ 100000")]
    [InlineData("epochs beyond the integer range", "epochs: 2", "epochs: 2147483648", 8, 11,
        "training.epochs is 2147483648, outside the integer range -2147483648 to 2147483647. Write a number within it")]
    [InlineData("batch size above its bound", "  epochs: 2", "  epochs: 2\n  batch_size: 1000001", 9, 15,
        "training.batch_size must be at most 1000000, got 1000001: a batch is one tensor in memory, and no data set here has more training samples")]
    [InlineData("lambdas above their bound", "methods:", "lambdas: 1002\nmethods:", 9, 10,
        "lambdas must be at most 1001, got 1002: each λ evaluates every split along every path of every method (1001 is a step of 0.001). Use a value ≤ 1001")]
    [InlineData("train subset above its bound", "methods:", "evaluation: { train_subset: 1000001 }\nmethods:", 9, 29,
        "evaluation.train_subset must be at most 1000000, got 1000001: the subset is held in memory as float32 and evaluated at every λ")]
    [InlineData("validation above its bound", "dataset: uci-digits", "dataset: uci-digits\n  validation: 1000001", 3, 15,
        "data.validation must be at most 1000000, got 1000001: the split is held in memory as float32 and evaluated every epoch")]
    [InlineData("hidden width above its bound", "hidden: [8, 8]", "hidden: [8, 65537]", 5, 15,
        "model.hidden[1] must be at most 65536, got 65537: two layers of 65536 units hold 16 GiB of float32 weights between them")]
    [InlineData("residual width above its bound", "architecture: mlp\n  hidden: [8, 8]", "architecture: residual-mlp\n  width: 65537\n  blocks: 2\n  block_hidden: 8", 5, 10,
        "model.width must be at most 65536, got 65537: two layers of 65536 units hold 16 GiB of float32 weights between them")]
    [InlineData("residual blocks above their bound", "architecture: mlp\n  hidden: [8, 8]", "architecture: residual-mlp\n  width: 8\n  blocks: 1025\n  block_hidden: 8", 6, 11,
        "model.blocks must be at most 1024, got 1025: each block is a symmetry group that every method aligns and two layers of every forward pass")]
    [InlineData("residual block width above its bound", "architecture: mlp\n  hidden: [8, 8]", "architecture: residual-mlp\n  width: 8\n  blocks: 2\n  block_hidden: 65537", 7, 17,
        "model.block_hidden must be at most 65536, got 65537")]
    [InlineData("model that cannot take the data set's images", "architecture: mlp\n  hidden: [8, 8]", "architecture: vgg", 4, 3,
        "model 'vgg' on data set 'uci-digits' (1x8x8 images): a vgg's 5 poolings must bring the image to one pixel, so its sides must be 32 to 63 pixels, and these images are 8×8; use 32×32 images (cifar10) or a resnet20, which pools globally")]
    [InlineData("BatchNorm reset on a model without running statistics", "methods:", "paths: [{ id: linear, options: { correction: reset } }]\nmethods:", 9, 46,
        "paths[0]: correction 'reset' recomputes BatchNorm's running statistics, and model 'mlp 64-8-8-10' has none. Use repair, rescale or reshift, or a model with normalisation: batchnorm")]
    [InlineData("orthogonal method on a normalised convolutional model", "architecture: mlp\n  hidden: [8, 8]\ntraining:\n  optimizer: adam\n  epochs: 2\nmethods:\n  - id: identity",
        "architecture: resnet20\n  normalisation: layernorm\ntraining:\n  optimizer: adam\n  epochs: 2\nmethods:\n  - id: procrustes-weight", 10, 9,
        "methods[0]: method 'procrustes-weight' cannot run on model 'resnet20': it gives every symmetry group an orthogonal transform, and model 'resnet20' has 12 group(s) only permutations can act on (P_layer1, P_layer1.0, P_layer1.1, …): a rotation cannot carry a per-channel parameter such as 'bn1.weight' with its channels")]
    [InlineData("YAML syntax", "optimizer: adam", "optimizer: 'adam", 7, 14, "invalid YAML: while scanning a quoted scalar, found unexpected end of stream. Fix the syntax here")]
    [InlineData("YAML indentation", "  epochs: 2", "  epochs: 2\n    bad: 3", 9, 8, "invalid YAML: while scanning a plain scalar value, found invalid mapping")]
    [InlineData("YAML ending inside a flow", "{ max_iter: 10 }", "{ max_iter: 10\nlambdas: [2", 13, 12, "invalid YAML: the file ends inside a flow collection. Close every '[' and '{'")]
    [InlineData("unknown alias", "hidden: [8, 8]", "hidden: *widths", 5, 11, "unknown alias '*widths'. Define '&widths' before using it")]
    public void A_recipe_error_names_its_line_and_column(string kind, string old, string replacement, int line, int column, string problem)
    {
        // Given
        using var manifest = new TempManifest(recipe: TempManifest.Edit(TempManifest.Recipe, old, replacement));

        // When
        var error = manifest.LoadFails();

        // Then
        Assert.NotEmpty(kind);
        ManifestAssert.At(error, manifest.RecipePath("tiny"), line, column, problem);
    }

    [Theory]
    [InlineData("unknown key", "pipeline: tiny", "pipelin: tiny", 3, 5,
        "unknown key 'pipelin' in experiments[0]; valid keys: id, pipeline, tier, seed_pairs, checkpoints, mapping, description, overrides, sweep, point_overrides. Did you mean 'pipeline'?")]
    [InlineData("no endpoints", "\n    seed_pairs: [[1, 2]]", "", 2, 5, "experiments[0] ('tiny') names no endpoints. Add 'seed_pairs: [[1, 2]]' to train them, or 'checkpoints:")]
    [InlineData("unknown tier", "seed_pairs: [[1, 2]]", "seed_pairs: [[1, 2]]\n    tier: nightly", 5, 11, "unknown value 'nightly' for experiments[0].tier; valid values: quick, full, gpu")]
    [InlineData("seed pair with equal seeds", "[[1, 2]]", "[[1, 2], [3, 3]]", 4, 26,
        "experiments[0].seed_pairs[1] must be a pair of two distinct seeds, got [3, 3]. Write two different integers such as [1, 2]")]
    [InlineData("seed pair of one seed", "[[1, 2]]", "[[1, 2], [3]]", 4, 26, "experiments[0].seed_pairs[1] must be a pair of two distinct seeds, got [3]")]
    [InlineData("seed that is not an integer", "[[1, 2]]", "[[1, b]]", 4, 22, "experiments[0].seed_pairs[0][1]: expected an integer, got 'b'")]
    [InlineData("negative seed", "[[1, 2]]", "[[1, 2], [-3, 4]]", 4, 27,
        "experiments[0].seed_pairs[1][0] must be at least 0, got -3: a seed starts an unsigned generator and names its model's folder. Use a seed from 0 to 2147483647")]
    [InlineData("seed beyond the integer range", "[[1, 2]]", "[[1, 2147483648]]", 4, 22,
        "experiments[0].seed_pairs[0][1] is 2147483648, outside the integer range -2147483648 to 2147483647")]
    [InlineData("repeated seed pair", "[[1, 2]]", "[[1, 2], [3, 4], [1, 2]]", 4, 34,
        "duplicate seed pair [1, 2] at experiments[0].seed_pairs[2] (first at line 4, column 18): it would align the same two models again. Remove it; [2, 1] is another pair (B aligned onto A)")]
    [InlineData("duplicate experiment", "seed_pairs: [[1, 2]]", "seed_pairs: [[1, 2]]\n  - { id: tiny, pipeline: tiny, seed_pairs: [[1, 2]] }", 5, 11,
        "duplicate experiment id 'tiny' (first at line 2, column 9)")]
    [InlineData("overrides not a mapping", "seed_pairs: [[1, 2]]", "seed_pairs: [[1, 2]]\n    overrides: 3", 5, 16, "experiments[0].overrides: expected a mapping, got '3'")]
    [InlineData("pipeline given as a path", "pipeline: tiny", "pipeline: pipelines/tiny.yaml", 3, 15,
        "experiments[0].pipeline must be a name (1 to 64 characters of a-z and 0-9, with '-', '_' or '.' only between them), got 'pipelines/tiny.yaml': "
        + "the path separator '/' at character 10 is not allowed. Name a recipe in pipelines/ by its file name without folder or extension, e.g. 'digits-mlp'")]
    [InlineData("pipeline given with its extension", "pipeline: tiny", "pipeline: tiny.yaml", 3, 15, "no recipe 'tiny.yaml'")]
    [InlineData("pipeline given with its extension, the fix", "pipeline: tiny", "pipeline: tiny.yaml", 3, 15, "does not exist. Write 'tiny', the file name without its extension")]
    [InlineData("pipeline reaching up", "pipeline: tiny", "pipeline: ..", 3, 15, "experiments[0].pipeline must be a name (1 to 64 characters of a-z and 0-9, with '-', '_' or '.' only between them), got '..': it starts with '.'")]
    [InlineData("experiment id reaching out of the artifacts folder", "id: tiny", "id: ../tiny", 2, 9,
        "experiments[0].id must be a name (1 to 64 characters of a-z and 0-9, with '-', '_' or '.' only between them), got '../tiny': "
        + "the path separator '/' at character 3 is not allowed. An experiment id names its folder under the artifacts folder: write e.g. 'mnist-mlp-quick'")]
    [InlineData("experiment id with an invisible character", "id: tiny", "id: ti\u200Bny", 2, 9, "got 'ti<U+200B>ny': the invisible character U+200B at character 3 is not allowed")]
    [InlineData("experiment id with a no-break space", "id: tiny", "id: \"ti\\u00A0ny\"", 2, 9, "got 'ti<U+00A0>ny': the space U+00A0 at character 3 is not allowed")]
    [InlineData("experiment id with a control character", "id: tiny", "id: \"ti\\tny\"", 2, 9, "got 'ti<U+0009>ny': the control character U+0009 at character 3 is not allowed")]
    [InlineData("experiment id in upper case", "id: tiny", "id: Tiny", 2, 9, "got 'Tiny': the upper-case letter 'T' at character 1 is not allowed")]
    [InlineData("experiment id of a dot", "id: tiny", "id: .", 2, 9, "got '.': it starts with '.'")]
    [InlineData("experiment id empty", "id: tiny", "id: ''", 2, 9, "got '': it is empty")]
    [InlineData("experiment id a device", "id: tiny", "id: aux", 2, 9, "got 'aux': 'aux' is a device name on Windows, where no folder can be called so")]
    [InlineData("no experiments", "  - id: tiny\n    pipeline: tiny\n    seed_pairs: [[1, 2]]", "  []", 2, 3, "experiments is empty. Add at least an experiment")]
    public void An_experiments_error_names_its_line_and_column(string kind, string old, string replacement, int line, int column, string problem)
    {
        // Given
        using var manifest = new TempManifest(experiments: TempManifest.Edit(TempManifest.Experiments, old, replacement));

        // When
        var error = manifest.LoadFails();

        // Then
        Assert.NotEmpty(kind);
        ManifestAssert.At(error, manifest.ExperimentsPath, line, column, problem);
    }

    [Fact]
    public void An_orthogonal_method_of_the_study_is_rejected_on_a_residual_model_at_its_id()
    {
        // Given a residual MLP recipe that names procrustes-weight, which would rotate the blocks' hidden units
        var recipe = TempManifest.Edit(TempManifest.Recipe, "architecture: mlp\n  hidden: [8, 8]", "architecture: residual-mlp\n  width: 8\n  blocks: 2\n  block_hidden: 8");
        using var manifest = new TempManifest(recipe: TempManifest.Edit(recipe, "id: weight-matching\n    options: { max_iter: 10 }", "id: procrustes-weight"));

        // When
        var error = manifest.LoadFails();

        // Then the error points at the method's id and says why and what to use instead
        ManifestAssert.At(error, manifest.RecipePath("tiny"), 13, 9, "methods[1]: method 'procrustes-weight' cannot run on model 'residual-mlp': it gives every symmetry group an orthogonal transform");
        Assert.Contains("use residual-procrustes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_recipe_is_reported_at_the_pipeline_value_with_the_path_looked_for()
    {
        // Given
        using var manifest = new TempManifest(experiments: TempManifest.Edit(TempManifest.Experiments, "pipeline: tiny", "pipeline: huge"));

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 3, 15, $"no recipe 'huge': {manifest.RecipePath("huge")} does not exist. Create it or use one of: tiny");
    }

    [Fact]
    public void A_second_document_is_rejected()
    {
        // Given
        using var manifest = new TempManifest(recipe: TempManifest.Recipe + "\n---\nlambdas: 3");

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.RecipePath("tiny"), 13, 1, "a second YAML document starts here");
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_rejected_at_its_start()
    {
        // Given
        using var manifest = new TempManifest(experiments: "# comment\n- quickstart\n");

        // When
        var error = manifest.LoadFails();

        // Then
        ManifestAssert.At(error, manifest.ExperimentsPath, 2, 1, "the top level: expected a mapping, got a sequence");
    }

    [Fact]
    public void An_empty_experiments_file_is_rejected()
    {
        // Given
        using var manifest = new TempManifest(experiments: "# nothing yet\n");

        // When
        var error = manifest.LoadFails();

        // Then
        Assert.Equal($"{manifest.ExperimentsPath}: the file holds no experiments. Add 'experiments:' with at least one entry", error.Message);
    }

    [Fact]
    public void A_missing_experiments_file_names_the_path()
    {
        // Given
        using var manifest = new TempManifest();
        File.Delete(manifest.ExperimentsPath);

        // When
        var error = manifest.LoadFails();

        // Then
        Assert.Equal((manifest.ExperimentsPath, 0, 0), (error.File, error.Line, error.Column));
        Assert.StartsWith($"{manifest.ExperimentsPath}: file not found", error.Message, StringComparison.Ordinal);
    }
}
