namespace OrthoRebasin.Data;

/// <summary>
/// A data set of four IDX files of 28×28 grey images and labels 0..9 in the official train/test split (MNIST and
/// Fashion-MNIST), from <c>&lt;data&gt;/&lt;id&gt;/</c> (see <see cref="DataLocation"/>), each checked against the SHA-256 of
/// its uncompressed payload; features are pixels/255 flattened to 784.
/// </summary>
public sealed class IdxImageDataset : IDatasetSource
{
    private readonly string _title;
    private readonly Uri _downloadBase;
    private readonly string _howToGet;
    private readonly IReadOnlyDictionary<string, string> _payloadSha256;

    private IdxImageDataset(string id, string title, string description, string downloadBase, string howToGet, IReadOnlyDictionary<string, string> payloadSha256)
    {
        Id = id;
        _title = title;
        Description = description;
        _downloadBase = new Uri(downloadBase);
        _howToGet = howToGet;
        _payloadSha256 = payloadSha256;
    }

    /// <summary>MNIST handwritten digits; the SHA-256s are of the canonical uncompressed files.</summary>
    public static IdxImageDataset Mnist { get; } = new(
        "mnist", "MNIST", "MNIST handwritten digits, 28x28 grey, 10 classes, 60,000 train / 10,000 test (IDX files in <data>/mnist/)",
        "https://ossci-datasets.s3.amazonaws.com/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/",
        new Dictionary<string, string>
        {
            [IdxDataset.TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            [IdxDataset.TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            [IdxDataset.TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            [IdxDataset.TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        });

    /// <summary>Fashion-MNIST clothing images; the SHA-256s are of the uncompressed files matching the canonical MD5s.</summary>
    public static IdxImageDataset FashionMnist { get; } = new(
        "fashion-mnist", "Fashion-MNIST", "Fashion-MNIST clothing, 28x28 grey, 10 classes, 60,000 train / 10,000 test (IDX files in <data>/fashion-mnist/)",
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/ (or https://github.com/zalandoresearch/fashion-mnist)",
        new Dictionary<string, string>
        {
            [IdxDataset.TrainImages] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            [IdxDataset.TrainLabels] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            [IdxDataset.TestImages] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            [IdxDataset.TestLabels] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
        });

    public string Id { get; }

    public string Description { get; }

    public ImageShape Shape => IdxDataset.Shape;

    public int Classes => IdxDataset.ClassCount;

    // The .gz files are what is served; only their payloads have canonical digests, so the check gunzips them.
    public IReadOnlyList<DatasetDownload> Downloads =>
        [.. IdxDataset.FileStems.Select(stem => new DatasetDownload(
            new Uri(_downloadBase, stem + ".gz"), stem + ".gz", FileChecksum.OfSha256(_payloadSha256[stem]), ChecksumScope.GzipPayload))];

    /// <summary>The payload SHA-256 of each file (by name without .gz).</summary>
    public IReadOnlyDictionary<string, string> PayloadSha256 => _payloadSha256;

    public DatasetSplits Load(DataLocation location) => IdxDataset.Load(Id, _title, _howToGet, _payloadSha256, location);

    /// <summary>The same data set checked against <paramref name="payloadSha256"/> instead (tests write their own files).</summary>
    internal IdxImageDataset WithPayloadSha256(IReadOnlyDictionary<string, string> payloadSha256) =>
        new(Id, _title, Description, _downloadBase.ToString(), _howToGet, payloadSha256);
}
