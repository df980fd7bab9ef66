namespace OrthoRebasin.Data;

/// <summary>
/// Fashion-MNIST clothing images (28×28 grey, 10 classes): the official 60,000 training and 10,000 test
/// images, from <c>&lt;data&gt;/fashion-mnist/</c> (see <see cref="DataLocation"/>); features are pixels/255 flattened to 784.
/// </summary>
public sealed class FashionMnist : IDatasetSource
{
    public const string DatasetId = "fashion-mnist";
    public const string HowToGet = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ (or https://github.com/zalandoresearch/fashion-mnist)";

    // SHA-256 of the canonical uncompressed files, from shared/data/fashion-mnist/SOURCES.md, whose payloads match the canonical raw-file MD5s.
    internal static readonly IReadOnlyDictionary<string, string> CanonicalPayloadSha256 = new Dictionary<string, string>
    {
        [IdxDataset.TrainImages] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        [IdxDataset.TrainLabels] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        [IdxDataset.TestImages] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        [IdxDataset.TestLabels] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    };

    private readonly IReadOnlyDictionary<string, string> _payloadSha256;

    public FashionMnist()
        : this(CanonicalPayloadSha256)
    {
    }

    /// <summary>Checks the payloads against <paramref name="payloadSha256"/> (by file name without .gz) instead of the canonical digests.</summary>
    internal FashionMnist(IReadOnlyDictionary<string, string> payloadSha256) => _payloadSha256 = payloadSha256;

    public string Id => DatasetId;

    public ImageShape Shape => IdxDataset.Shape;

    public DatasetSplits Load(DataLocation location) =>
        IdxDataset.Load(DatasetId, "Fashion-MNIST", HowToGet, _payloadSha256, location);
}
