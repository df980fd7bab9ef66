namespace OrthoRebasin.Alignment.Methods;

/// <summary>Options of <c>stiefel</c>: the Cayley descent of the weight distance.</summary>
public sealed record StiefelOptions : CayleyOptions;
