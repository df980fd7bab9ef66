namespace OrthoRebasin.Data;

/// <summary>Which sample indices form the training split and which the test split, each ascending.</summary>
public sealed record IndexSplit(int[] Train, int[] Test);
