namespace OrthoRebasin.Data;

/// <summary>The images of an IDX file: <see cref="Count"/> images of <see cref="Rows"/>×<see cref="Columns"/> bytes, row-major, one after another.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
