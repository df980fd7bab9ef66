using static TorchSharp.torch;

namespace OrthoRebasin.Evaluation;

/// <summary>A named set of inputs and labels the models are evaluated on (<c>test</c>, or the fixed <c>train</c> subset).</summary>
public sealed record EvaluationSplit(string Name, Tensor Features, Tensor Labels);
