namespace OrthoRebasin.Data;

/// <summary>
/// MNIST handwritten digits (28×28 grey, 10 classes): the official 60,000 training and 10,000 test images,
/// from <c>&lt;data&gt;/mnist/</c> (see <see cref="DataLocation"/>); features are pixels/255 flattened to 784.
/// </summary>
public sealed class Mnist : IDatasetSource
{
    public const string DatasetId = "mnist";
    public const string HowToGet = "https://ossci-datasets.s3.amazonaws.com/mnist/";

    // SHA-256 of the canonical uncompressed files; the raw-file MD5s they share are listed in shared/data/mnist/SOURCES.md.
    internal static readonly IReadOnlyDictionary<string, string> CanonicalPayloadSha256 = new Dictionary<string, string>
    {
        [IdxDataset.TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [IdxDataset.TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [IdxDataset.TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [IdxDataset.TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    private readonly IReadOnlyDictionary<string, string> _payloadSha256;

    public Mnist()
        : this(CanonicalPayloadSha256)
    {
    }

    /// <summary>Checks the payloads against <paramref name="payloadSha256"/> (by file name without .gz) instead of the canonical digests.</summary>
    internal Mnist(IReadOnlyDictionary<string, string> payloadSha256) => _payloadSha256 = payloadSha256;

    public string Id => DatasetId;

    public ImageShape Shape => IdxDataset.Shape;

    public DatasetSplits Load(DataLocation location) =>
        IdxDataset.Load(DatasetId, "MNIST", HowToGet, _payloadSha256, location);
}
