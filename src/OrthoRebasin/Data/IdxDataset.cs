using TorchSharp;

namespace OrthoRebasin.Data;

/// <summary>
/// What MNIST and Fashion-MNIST share: four IDX files (raw or .gz) of 28×28 grey images and labels 0..9,
/// checked against the SHA-256 of their uncompressed payloads; pixels are kept as bytes, flattened to 784 (features /255).
/// </summary>
internal static class IdxDataset
{
    public const int Side = 28;
    public const int ClassCount = 10;
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    private const string PayloadWhat = "uncompressed IDX payload";

    public static ImageShape Shape { get; } = new(1, Side, Side);

    public static IReadOnlyList<string> FileStems { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    public static DatasetSplits Load(
        string id, string title, string howToGet, IReadOnlyDictionary<string, string> payloadSha256, DataLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var required = FileStems.Select(stem => new RequiredFile([stem, stem + ".gz"])).ToList();
        var paths = DatasetFolder.Resolve(title, id, required, location.SearchRoots(), howToGet);
        var train = ReadSplit(paths[0], paths[1], payloadSha256, howToGet);
        try
        {
            var test = ReadSplit(paths[2], paths[3], payloadSha256, howToGet);
            return new DatasetSplits(
                id, $"{title}, {Side}x{Side} grey, {train.Count:N0} train / {test.Count:N0} test (the official split)", train, test, ClassCount);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    private static LabelledData ReadSplit(string imagesPath, string labelsPath, IReadOnlyDictionary<string, string> payloadSha256, string howToGet)
    {
        var (pixels, rows, columns) = IdxReader.ReadImagesTensor(
            imagesPath, sha256 => ChecksumOf(imagesPath, payloadSha256).Verify([], sha256, imagesPath, PayloadWhat, howToGet));
        try
        {
            var count = pixels.shape[0];
            var labels = IdxReader.ParseLabels(ReadVerified(labelsPath, payloadSha256, howToGet), labelsPath);
            if (rows != Side || columns != Side)
            {
                throw new DatasetException($"{imagesPath}: images of {rows}x{columns} pixels; expected {Side}x{Side}.");
            }

            if (labels.Length != count)
            {
                throw new DatasetException($"{labelsPath}: {labels.Length} labels, but {imagesPath} has {count} images.");
            }

            var labelValues = new long[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] >= ClassCount)
                {
                    throw new DatasetException($"{labelsPath}: label {i} is {labels[i]}; expected a class 0..{ClassCount - 1}.");
                }

                labelValues[i] = labels[i];
            }

            return new LabelledData(pixels, torch.tensor(labelValues), 255f, Shape);
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
    }

    private static byte[] ReadVerified(string path, IReadOnlyDictionary<string, string> payloadSha256, string howToGet)
    {
        var payload = IdxReader.ReadPayload(path);
        ChecksumOf(path, payloadSha256).Verify(payload, path, PayloadWhat, howToGet);
        return payload;
    }

    private static FileChecksum ChecksumOf(string path, IReadOnlyDictionary<string, string> payloadSha256)
    {
        var stem = Path.GetFileName(path);
        stem = stem.EndsWith(".gz", StringComparison.Ordinal) ? stem[..^3] : stem;
        return FileChecksum.OfSha256(payloadSha256[stem]);
    }
}
