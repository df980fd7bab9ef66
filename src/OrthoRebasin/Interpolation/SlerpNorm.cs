namespace OrthoRebasin.Interpolation;

/// <summary>Whether slerp interpolates the norm (the seed's fix) or keeps unit directions (the seed's Figure 5).</summary>
public enum SlerpNorm
{
    Interpolate,
    None,
}
