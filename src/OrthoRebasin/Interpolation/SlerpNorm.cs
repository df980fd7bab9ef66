namespace OrthoRebasin.Interpolation;

/// <summary>Whether slerp interpolates the norm (the study's fix) or keeps unit directions (the study's Figure 5).</summary>
public enum SlerpNorm
{
    Interpolate,
    None,
}
