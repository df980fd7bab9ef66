namespace OrthoRebasin.Data;

/// <summary>How a sample's features lie as an image: channel-major planes of <see cref="Height"/>×<see cref="Width"/> pixels, each row-major.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int Size => Channels * Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
