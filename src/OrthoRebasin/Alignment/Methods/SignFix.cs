namespace OrthoRebasin.Alignment.Methods;

/// <summary>Whether <c>svd-weight</c> flips B's singular vectors to point like A's.</summary>
public enum SignFix
{
    None,
    Match,
}
