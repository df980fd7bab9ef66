using System.Runtime.CompilerServices;

// Tests reach the font check with a family that is not installed.
[assembly: InternalsVisibleTo("OrthoRebasin.Tests")]
