using OrthoRebasin.Alignment;
using OrthoRebasin.Cli;
using OrthoRebasin.Data;

namespace OrthoRebasin.Tests.Cli;

public sealed class ErrorReportingTests
{
    [Fact]
    public void A_user_error_prints_one_line_and_exits_1()
    {
        // Given a command that meets a condition the user can fix
        var error = new StringWriter();

        // When it runs
        var exitCode = ErrorReporting.Run(() => throw new DatasetException("mnist/t10k-labels-idx1-ubyte: truncated."), error);

        // Then stderr holds that one line, without a stack
        Assert.Equal(1, exitCode);
        Assert.Equal($"error: mnist/t10k-labels-idx1-ubyte: truncated.{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void A_user_error_wrapped_for_a_hint_prints_the_hint()
    {
        // Given a command that adds a command-line hint to a library error
        var error = new StringWriter();
        var library = new DatasetNotFoundException("mnist", "MNIST was not found.");

        // When it runs
        var exitCode = ErrorReporting.Run(() => throw new UserErrorException($"{library.Message} Pass --data-dir.", library), error);

        // Then the hint is on the one line
        Assert.Equal(1, exitCode);
        Assert.Equal($"error: MNIST was not found. Pass --data-dir.{Environment.NewLine}", error.ToString());
    }

    [Fact]
    public void A_path_too_long_for_the_file_system_is_one_line_naming_it_and_the_fix()
    {
        // Given an artifacts folder whose name is longer than any file system allows (255 bytes a component)
        var error = new StringWriter();
        var folder = Path.Combine(Path.GetTempPath(), new string('a', 300));

        // When a command tries to create it
        var exitCode = ErrorReporting.Run(() => Directory.CreateDirectory(folder) is null ? 1 : 0, error);

        // Then
        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("shorter", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("no permission", "Check the folder's permissions")]
    [InlineData("disk full", "Free some space")]
    public void A_file_system_that_refuses_is_one_line_with_the_fix(string condition, string fix)
    {
        // Given the exceptions .NET raises for EACCES or EROFS, and for ENOSPC
        var error = new StringWriter();
        Exception refused = condition == "no permission"
            ? new UnauthorizedAccessException("Access to the path '/artifacts/quickstart/.lock' is denied.")
            : new IOException("No space left on device : '/artifacts/quickstart/train/model.safetensors'", 28);

        // When
        var exitCode = ErrorReporting.Run(() => throw refused, error);

        // Then
        Assert.Equal(1, exitCode);
        Assert.Contains(fix, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("/artifacts/quickstart/", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_numerical_failure_in_an_alignment_method_is_one_line_and_exits_1()
    {
        // Given a method whose SVD met a NaN on one group
        var error = new StringWriter();
        var failure = new NumericalFailureException("linalg.svd", "its input has 3 non-finite entries of 64", NumericalFailureKind.NonFinite).In("procrustes-activation", "P_2", "its activations");

        // When
        var exitCode = ErrorReporting.Run(() => throw failure, error);

        // Then
        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: procrustes-activation on group 'P_2' (its activations): linalg.svd failed: its input has 3 non-finite entries of 64 — model A or B", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_io_error_is_still_a_bug()
    {
        // Given an I/O failure that is not the file system refusing (a broken stream, say)
        var error = new StringWriter();

        // When
        var exitCode = ErrorReporting.Run(() => throw new IOException("unexpected end of stream"), error);

        // Then
        Assert.Equal(2, exitCode);
        Assert.StartsWith(ErrorReporting.BugLine, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("argument", "System.ArgumentException: The λ grid must start at 0.")]
    [InlineData("invalid-operation", "System.InvalidOperationException: No catalog for this record.")]
    [InlineData("first", "System.InvalidOperationException: Sequence contains no matching element")]
    public void Any_other_exception_is_a_bug_shown_with_its_stack_and_exits_2(string kind, string described)
    {
        // Given a command that fails on a programming error
        var error = new StringWriter();

        // When it runs
        var exitCode = ErrorReporting.Run(() => Fail(kind), error);

        // Then stderr says it is a bug to report, then the exception and its stack
        Assert.Equal(2, exitCode);
        var lines = error.ToString().Split(Environment.NewLine);
        Assert.Equal(ErrorReporting.BugLine, lines[0]);
        Assert.Contains("bug in OrthoRebasin", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(described, lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.TrimStart().StartsWith($"at {typeof(ErrorReportingTests).FullName}.{nameof(Fail)}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_First_shows_where_it_was_called()
    {
        // Given a command whose LINQ First() finds nothing
        var error = new StringWriter();

        // When it runs
        var exitCode = ErrorReporting.Run(() => Enumerable.Empty<int>().First(), error);

        // Then it is a bug, and the stack goes through Enumerable.First
        Assert.Equal(2, exitCode);
        Assert.Contains("System.Linq.Enumerable.First", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bug_shows_its_inner_exceptions()
    {
        // Given a programming error wrapping another
        var error = new StringWriter();

        // When it runs
        var exitCode = ErrorReporting.Run(() => throw new InvalidOperationException("Gathering failed.", new KeyNotFoundException("No parameter 'fc9.weight'.")), error);

        // Then both are shown
        Assert.Equal(2, exitCode);
        Assert.Contains("System.InvalidOperationException: Gathering failed.", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("---> System.Collections.Generic.KeyNotFoundException: No parameter 'fc9.weight'.", error.ToString(), StringComparison.Ordinal);
    }

    private static int Fail(string kind) => kind switch
    {
        "argument" => throw new ArgumentException("The λ grid must start at 0."),
        "invalid-operation" => throw new InvalidOperationException("No catalog for this record."),
        "first" => Array.Empty<int>().First(x => x > 0),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such failure"),
    };
}
