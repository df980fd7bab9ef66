namespace OrthoRebasin.Alignment.Methods;

/// <summary>Which residual-stream activations <c>residual-procrustes</c> matches.</summary>
public enum StreamActivations
{
    /// <summary>h_0 only, right after the embedding.</summary>
    Embedding,

    /// <summary>h_0, h_1, ..., h_K stacked along the samples: one Q must fit every depth, as it does in B'.</summary>
    All,
}
