namespace OrthoRebasin.Interpolation;

/// <summary>Whether slerp treats each tensor as one vector or each row separately.</summary>
public enum SlerpPer
{
    Tensor,
    Row,
}
