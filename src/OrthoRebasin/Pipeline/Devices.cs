using static TorchSharp.torch;

namespace OrthoRebasin.Pipeline;

/// <summary>Maps a <see cref="ComputeDevice"/> to a TorchSharp device, with a clear error when CUDA is asked for but absent.</summary>
public static class Devices
{
    /// <exception cref="UserErrorException">CUDA is asked for but this build or machine has none.</exception>
    public static Device Resolve(ComputeDevice device) => device switch
    {
        ComputeDevice.Cpu => CPU,
        ComputeDevice.Cuda when cuda.is_available() => CUDA,
        ComputeDevice.Cuda => throw new UserErrorException(
            "CUDA was asked for, but no CUDA device is available to this build. It references TorchSharp's CPU package (libtorch-cpu-linux-x64): "
            + "build with the MSBuild property Device=cuda on a machine that can restore TorchSharp's CUDA package, or choose the cpu device."),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "No such device."),
    };

    /// <summary>The recorded spelling of <paramref name="device"/>: <c>cpu</c> or <c>cuda</c>, as in JSON.</summary>
    public static string Name(ComputeDevice device) => device switch
    {
        ComputeDevice.Cpu => "cpu",
        ComputeDevice.Cuda => "cuda",
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "No such device."),
    };
}
