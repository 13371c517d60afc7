namespace Berth.Runtime.Seccomp;

/// <summary>A jump target inside a <see cref="BpfBuilder"/>, bound to a position once the code there is emitted.</summary>
internal readonly record struct BpfLabel(int Id);
