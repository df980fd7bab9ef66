namespace OrthoRebasin.Data;

/// <summary>The official download sources of each data set that is not embedded, by data set id.</summary>
internal static class DatasetDownloads
{
    public const string MnistBase = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    public const string FashionMnistBase = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    public const string Cifar10Archive = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    public const string Cifar10ArchiveMd5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public const string Cifar10ArchiveFolder = "cifar-10-batches-bin";

    public static IReadOnlyDictionary<string, IReadOnlyList<DatasetDownload>> Official { get; } =
        new Dictionary<string, IReadOnlyList<DatasetDownload>>(StringComparer.Ordinal)
        {
            [Mnist.DatasetId] = Idx(MnistBase, Mnist.CanonicalPayloadSha256),
            [FashionMnist.DatasetId] = Idx(FashionMnistBase, FashionMnist.CanonicalPayloadSha256),
            [Cifar10.DatasetId] =
            [
                new DatasetDownload(
                    new Uri(Cifar10Archive),
                    "cifar-10-binary.tar.gz",
                    new FileChecksum(Cifar10ArchiveMd5, null),
                    ChecksumScope.AsStored,
                    new TarExtraction(
                        Cifar10ArchiveFolder,
                        Cifar10.TrainFiles.Append(Cifar10.TestFile).ToDictionary(f => f, f => Cifar10.CanonicalChecksums[f], StringComparer.Ordinal))),
            ],
        };

    // The .gz files are what is served; only their payloads have canonical digests, so the check gunzips them.
    private static IReadOnlyList<DatasetDownload> Idx(string baseUrl, IReadOnlyDictionary<string, string> payloadSha256) =>
        [.. IdxDataset.FileStems.Select(stem => new DatasetDownload(
            new Uri(new Uri(baseUrl), stem + ".gz"), stem + ".gz", FileChecksum.OfSha256(payloadSha256[stem]), ChecksumScope.GzipPayload))];
}
