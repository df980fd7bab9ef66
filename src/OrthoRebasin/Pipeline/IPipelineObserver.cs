namespace OrthoRebasin.Pipeline;

/// <summary>Hears about each unit of work as it finishes (one trained model, one aligned pair, one curve set).</summary>
public interface IPipelineObserver
{
    void UnitFinished(string stage, string unit, double seconds, bool cached);

    void Message(string text);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class SilentObserver : IPipelineObserver
{
    public static SilentObserver Instance { get; } = new();

    public void UnitFinished(string stage, string unit, double seconds, bool cached)
    {
    }

    public void Message(string text)
    {
    }
}
