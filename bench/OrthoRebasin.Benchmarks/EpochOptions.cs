using System.Globalization;

namespace OrthoRebasin.Benchmarks;

/// <summary>Command-line options of the epoch benchmark.</summary>
public sealed record EpochOptions(int Threads, int Epochs, string Optimizer, string? MnistDirectory, bool Profile, bool Collect, string? Output)
{
    /// <summary>The options, or null when an argument is not understood.</summary>
    public static EpochOptions? Parse(string[] args)
    {
        var options = new EpochOptions(Threads: 2, Epochs: 3, Optimizer: "both", MnistDirectory: null, Profile: false, Collect: false, Output: null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--threads" when int.TryParse(value, CultureInfo.InvariantCulture, out var threads) && threads > 0:
                    options = options with { Threads = threads };
                    i++;
                    break;
                case "--epochs" when int.TryParse(value, CultureInfo.InvariantCulture, out var epochs) && epochs > 0:
                    options = options with { Epochs = epochs };
                    i++;
                    break;
                case "--optimizer" when value is "sgd" or "adam" or "both":
                    options = options with { Optimizer = value };
                    i++;
                    break;
                case "--mnist" when value is not null:
                    options = options with { MnistDirectory = value };
                    i++;
                    break;
                case "--out" when value is not null:
                    options = options with { Output = value };
                    i++;
                    break;
                case "--collect":
                    options = options with { Collect = true };
                    break;
                case "--profile":
                    options = options with { Profile = true };
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
