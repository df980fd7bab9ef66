namespace OrthoRebasin.Cli.Commands;

/// <summary>Calls the handler on the reporting thread; <see cref="Progress{T}"/> would post to the thread pool and reorder reports.</summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
