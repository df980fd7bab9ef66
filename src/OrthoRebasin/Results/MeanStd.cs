namespace OrthoRebasin.Results;

/// <summary>Mean and sample standard deviation of a metric over seed pairs.</summary>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    /// <summary>Mean and sample standard deviation (n − 1; 0 for a single value; NaN for none): the project's one summary statistic.</summary>
    public static MeanStd Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new MeanStd(double.NaN, double.NaN, 0);
        }

        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0.0;
        return new MeanStd(mean, std, values.Count);
    }
}
