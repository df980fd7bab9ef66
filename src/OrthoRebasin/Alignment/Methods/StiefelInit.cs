namespace OrthoRebasin.Alignment.Methods;

/// <summary>Where the Cayley optimiser of the Stiefel methods starts.</summary>
public enum StiefelInit
{
    Identity,
    ProcrustesWeight,
}
