namespace OrthoRebasin.Validation;

/// <summary>
/// What a <see cref="RuleAttribute"/> found wrong: the message, and where in a list it is (<see cref="Item"/>, and the key
/// of that item, or the position inside it, to point at). <see cref="FirstItem"/> is an earlier item the message refers to
/// as <c>{first}</c>.
/// </summary>
public sealed record RuleViolation(string Problem, int? Item = null, string? ItemKey = null, int? FirstItem = null, int? InnerItem = null);
