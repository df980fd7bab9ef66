using System.Text;
using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Data;

public sealed class UciDigitsTests
{
    private static readonly DataLocation _noDataDir = new(null);

    [Fact]
    public void Load_gives_all_samples_scaled_to_the_unit_interval()
    {
        // Given
        var source = new UciDigits();

        // When
        using var splits = source.Load(_noDataDir);

        // Then
        Assert.Equal("uci-digits", splits.Id);
        Assert.Equal(UciDigits.SampleCount, splits.Train.Count + splits.Test.Count);
        Assert.Equal(UciDigits.Pixels, splits.InputSize);
        Assert.Equal(UciDigits.ClassCount, splits.Classes);
        foreach (var part in new[] { splits.Train, splits.Test })
        {
            Assert.Equal([part.Count, UciDigits.Pixels], part.Features().shape);
            Assert.True(part.Features().min().item<float>() >= 0f);
            Assert.True(part.Features().max().item<float>() <= 1f);
            Assert.All(part.LabelArray(), label => Assert.InRange(label, 0, UciDigits.ClassCount - 1));
        }

        // A real image has both blank and full-intensity pixels: the /16 scale reached 1.
        Assert.Equal(1f, splits.Train.Features().max().item<float>());
    }

    [Fact]
    public void Load_splits_every_fifth_sample_of_each_class_into_test()
    {
        // Given
        var source = new UciDigits();

        // When
        using var splits = source.Load(_noDataDir);

        // Then
        Assert.Equal(1442, splits.Train.Count);
        Assert.Equal(355, splits.Test.Count);
        var trainCounts = CountPerClass(splits.Train.LabelArray());
        var testCounts = CountPerClass(splits.Test.LabelArray());
        for (var c = 0; c < UciDigits.ClassCount; c++)
        {
            Assert.True(testCounts[c] > 0, $"class {c} missing from test");
            Assert.Equal((trainCounts[c] + testCounts[c]) / UciDigits.TestEvery, testCounts[c]);
        }
    }

    [Fact]
    public void Load_is_deterministic_across_loads()
    {
        // Given
        var source = new UciDigits();

        // When
        using var first = source.Load(_noDataDir);
        using var second = DatasetRegistry.Load("uci-digits", _noDataDir);

        // Then
        Assert.Equal(first.Train.Features().data<float>().ToArray(), second.Train.Features().data<float>().ToArray());
        Assert.Equal(first.Test.Features().data<float>().ToArray(), second.Test.Features().data<float>().ToArray());
        Assert.Equal(first.Train.LabelArray(), second.Train.LabelArray());
        Assert.Equal(first.Test.LabelArray(), second.Test.LabelArray());
    }

    [Fact]
    public void Split_is_disjoint_and_covers_every_sample()
    {
        // Given
        long[] labels = [0, 1, 0, 0, 2, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0];

        // When
        var split = UciDigits.Split(labels);

        // Then
        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Equal(Enumerable.Range(0, labels.Length), split.Train.Concat(split.Test).Order());

        // Class 0's 5th and 10th samples (indices 6 and 15), class 1's 5th (index 10).
        Assert.Equal([6, 10, 15], split.Test);
    }

    [Theory]
    [InlineData("0,0,x", 2, "fields")]
    [InlineData(",", 2, "pixel 1")]
    [InlineData("17", 2, "pixel 64 is '17'")]
    [InlineData("-1", 2, "pixel 64 is '-1'")]
    [InlineData("1.5", 2, "pixel 64")]
    [InlineData("label", 2, "the label")]
    public void Parse_rejects_a_malformed_row_naming_it(string kind, int row, string problem)
    {
        // Given
        var good = Row(Enumerable.Repeat("3", 64), "7");
        var bad = kind switch
        {
            "0,0,x" => "0,0,x",
            "," => Row(Enumerable.Repeat("", 64), "1"),
            "label" => Row(Enumerable.Repeat("0", 64), "10"),
            _ => Row(Enumerable.Repeat("0", 63).Append(kind), "1"),
        };
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes($"{good}\n{bad}\n{good}\n"));

        // When
        var error = Assert.Throws<InvalidDataException>(() => UciDigits.Parse(csv));

        // Then
        Assert.Contains($"row {row}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reads_well_formed_rows()
    {
        // Given
        var text = Row(Enumerable.Repeat("16", 64), "9") + "\n" + Row(Enumerable.Repeat("8", 64), "0") + "\n";
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes(text));

        // When
        using var data = UciDigits.Parse(csv);

        // Then
        Assert.Equal(2, data.Count);
        Assert.Equal([9L, 0L], data.LabelArray());
        Assert.Equal(Enumerable.Repeat(1f, 64).Concat(Enumerable.Repeat(0.5f, 64)), data.Features().data<float>().ToArray());
    }

    [Fact]
    public void VerifySha256_rejects_changed_bytes_with_both_digests()
    {
        // Given
        byte[] bytes = [1, 2, 3];

        // When
        var error = Assert.Throws<InvalidDataException>(() => UciDigits.VerifySha256(bytes, UciDigits.Sha256));

        // Then
        Assert.Contains(UciDigits.Sha256, error.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
    }

    private static string Row(IEnumerable<string> pixels, string label) => string.Join(",", pixels.Append(label));

    private static int[] CountPerClass(long[] labels)
    {
        var counts = new int[UciDigits.ClassCount];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
