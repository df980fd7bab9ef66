using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class FileChecksumTests
{
    [Fact]
    public void Verify_ChecksAnMd5OnlyDigestAndNamesBoth()
    {
        // Given
        byte[] bytes = [1, 2, 3];
        var expected = new string('a', 32);
        var checksum = new FileChecksum(expected, null);

        // When
        var error = Assert.Throws<DatasetException>(() => checksum.Verify(bytes, "test_batch.bin", "contents", "the source"));

        // Then
        Assert.Contains($"test_batch.bin: the MD5 of its contents is {DataFileWriter.Md5(bytes)}, expected {expected}", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-download it from the source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AcceptsMatchingDigests()
    {
        // Given
        byte[] bytes = [1, 2, 3];
        var checksum = new FileChecksum(DataFileWriter.Md5(bytes), DataFileWriter.Sha256(bytes));

        // When
        var error = Record.Exception(() => checksum.Verify(bytes, "f", "contents", "the source"));

        // Then
        Assert.Null(error);
    }
}
