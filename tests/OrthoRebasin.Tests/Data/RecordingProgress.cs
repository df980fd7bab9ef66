namespace OrthoRebasin.Tests.Data;

/// <summary>Keeps every report in order, on the reporting thread.</summary>
internal sealed class RecordingProgress<T>(List<T> reports) : IProgress<T>
{
    public void Report(T value) => reports.Add(value);
}
