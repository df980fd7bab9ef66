namespace OrthoRebasin;

/// <summary>An entry whose manifest form takes options: the record type they bind to (<see cref="NoOptions"/> when none).</summary>
public interface IConfigurableEntry : IRegistryEntry
{
    Type OptionsType { get; }
}
