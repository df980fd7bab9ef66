using OrthoRebasin.IO;
using OrthoRebasin.Pipeline;

namespace OrthoRebasin.Tests.IO;

public sealed class JsonReadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orthorebasin-json-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("{ \"seed\": ", "not a valid TrainingRecord")]
    [InlineData("null", "the file holds null")]
    public void An_unreadable_artifact_is_a_user_error_naming_the_file(string text, string problem)
    {
        // Given a damaged training.json
        var path = Path.Combine(_root, "training.json");
        File.WriteAllText(path, text);

        // When it is read
        var error = Assert.Throws<UserErrorException>(() => Json.Read<TrainingRecord>(path));

        // Then the message names the file, the problem and the fix
        Assert.StartsWith($"{path}: {problem}", error.Message, StringComparison.Ordinal);
        Assert.Contains("rerun the stage that writes it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_artifact_is_a_user_error_naming_the_file()
    {
        // Given a results.json that was never written
        var path = Path.Combine(_root, "absent", "results.json");

        // When it is read
        var error = Assert.Throws<UserErrorException>(() => Json.Read<TrainingRecord>(path));

        // Then the message names it
        Assert.Equal($"{path}: no such file. Rerun the stage that writes it.", error.Message);
    }
}
