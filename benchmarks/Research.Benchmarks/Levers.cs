using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Research.Benchmarks;

/// <summary>libtorch's switch for oneDNN (torch.backends.mkldnn.enabled), which TorchSharp does not expose.</summary>
static class MkldnnSwitch
{
    delegate IntPtr GlobalContext();
    delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    static readonly IntPtr Library = NativeLibrary.Load("libtorch_cpu.so", typeof(torch).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory);
    static readonly GlobalContext Context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(NativeLibrary.GetExport(Library, "_ZN2at13globalContextEv"));
    static readonly SetEnabled Set = Marshal.GetDelegateForFunctionPointer<SetEnabled>(NativeLibrary.GetExport(Library, "_ZN2at7Context20setUserEnabledMkldnnEb"));

    public static bool Enabled { set => Set(Context(), value); }
}

/// <summary>A Conv2d (stride 1, no padding) computed as unfold + matrix multiply, with the same parameters.</summary>
sealed class UnfoldConv2d : nn.Module<Tensor, Tensor>
{
    readonly TorchSharp.Modules.Parameter weight, bias;
    readonly long _out, _kernel;

    public UnfoldConv2d(TorchSharp.Modules.Conv2d conv) : base("unfold_conv")
    {
        weight = conv.weight!;
        bias = conv.bias!;
        _out = weight.shape[0];
        _kernel = weight.shape[2];
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long n = x.shape[0], h = x.shape[2] - _kernel + 1, w = x.shape[3] - _kernel + 1;
        var columns = nn.functional.unfold(x, _kernel);                 // [n, c·k·k, h·w]
        var output = weight.view(_out, -1).matmul(columns);             // [n, out, h·w]
        return output.add_(bias.view(1, _out, 1), Research.Torch.OwnedScalars.One).view(n, _out, h, w);
    }
}
