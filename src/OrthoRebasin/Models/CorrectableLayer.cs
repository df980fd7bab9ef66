namespace OrthoRebasin.Models;

/// <summary>
/// A layer whose units a correction after interpolation may renormalise (docs/METHODS.md §4): its pre-activation is
/// z = W x + b with W the parameter <see cref="Weight"/> (one row per unit) and b the parameter <see cref="Bias"/>, so an
/// affine map of each unit folds into W's rows and b.
/// </summary>
public sealed record CorrectableLayer(string Weight, string Bias);
