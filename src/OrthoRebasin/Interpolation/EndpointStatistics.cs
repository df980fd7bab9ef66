namespace OrthoRebasin.Interpolation;

/// <summary>The statistics of every correctable layer of the endpoints A and B' (aligned B), measured once per curve.</summary>
public sealed class EndpointStatistics(IReadOnlyList<UnitStatistics> a, IReadOnlyList<UnitStatistics> b) : IDisposable
{
    public IReadOnlyList<UnitStatistics> A { get; } = a;

    public IReadOnlyList<UnitStatistics> B { get; } = b;

    public void Dispose()
    {
        foreach (var stats in A.Concat(B))
        {
            stats.Dispose();
        }
    }
}
