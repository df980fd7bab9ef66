using static TorchSharp.torch;

namespace OrthoRebasin.Pipeline;

/// <summary>Maps the <c>--device</c> setting to a TorchSharp device, with a clear error when CUDA is asked for but absent.</summary>
public static class Devices
{
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new ArgumentException(
            "--device cuda: no CUDA device is available to this build. It references TorchSharp's CPU package (libtorch-cpu-linux-x64); build with -p:Device=cuda on a machine that can restore TorchSharp's CUDA package, or use --device cpu."),
        _ => throw new ArgumentException($"--device '{name}': expected cpu or cuda."),
    };
}
