using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Compiles an OCI linux.seccomp profile into a classic BPF filter, with libseccomp's semantics as runc uses them:
/// names unknown to the syscall tables are skipped; a syscall's rules are tried in profile order and the first whose
/// argument conditions all hold decides (a rule without conditions always holds); anything else gets the default
/// action; a syscall from an ABI the profile does not list (or from an x32 process when SCMP_ARCH_X32 is not listed)
/// is killed, as libseccomp's "bad arch" action.
/// </summary>
internal static class SeccompCompiler
{
    /// <summary>Compiles <paramref name="profile"/>; fails with a RuntimeException naming anything unsupported.</summary>
    internal static SeccompProgram Compile(LinuxSeccomp profile)
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
            throw new RuntimeException($"seccomp profiles are only supported on x86_64 hosts, not {RuntimeInformation.ProcessArchitecture}");
        if (!string.IsNullOrEmpty(profile.ListenerPath))
            throw new RuntimeException("seccomp notify is not supported");

        uint defaultVerdict = SeccompVerdict.FromAction(profile.DefaultAction, profile.DefaultErrnoRet);
        var flags = SeccompFilterFlagNames.Parse(profile.Flags);
        var abis = SeccompArchitectures.Parse(profile.Architectures);
        var rules = (profile.Syscalls ?? []).Select(SeccompRule.From).ToArray();

        var sections = new List<(uint AuditArch, SockFilter[] Code)>
        {
            (SeccompArchitectures.AuditArchX86_64, abis.HasFlag(SeccompAbis.X32)
                ? ArchitectureSection.Build(rules, [SyscallAbi.X86_64, SyscallAbi.X32], guardX32: false, defaultVerdict)
                : ArchitectureSection.Build(rules, [SyscallAbi.X86_64], guardX32: true, defaultVerdict)),
        };
        if (abis.HasFlag(SeccompAbis.X86))
            sections.Add((SeccompArchitectures.AuditArchI386,
                ArchitectureSection.Build(rules, [SyscallAbi.I386], guardX32: false, defaultVerdict)));

        var instructions = Link(sections);
        if (instructions.Length > BpfOpcodes.MaxInstructions)
            throw new RuntimeException(
                $"seccomp profile compiles to {instructions.Length} BPF instructions, more than the kernel's limit of {BpfOpcodes.MaxInstructions}");
        return new SeccompProgram(instructions, flags);
    }

    /// <summary>The architecture dispatch (ld arch; jeq arch, ja section; …; ret bad-arch) followed by the sections.</summary>
    private static SockFilter[] Link(List<(uint AuditArch, SockFilter[] Code)> sections)
    {
        var program = new BpfBuilder();
        program.LoadWord(SeccompData.Arch);
        var starts = new BpfLabel[sections.Count];
        for (int i = 0; i < sections.Count; i++)
        {
            starts[i] = program.NewLabel();
            var nextArch = program.NewLabel();
            program.JumpIf(BpfOpcodes.JumpIfEqual, sections[i].AuditArch, null, nextArch);
            program.Jump(starts[i]); // sections are long: only JA reaches them
            program.Bind(nextArch);
        }
        program.Return(SeccompVerdict.BadArchitecture);
        for (int i = 0; i < sections.Count; i++)
        {
            program.Bind(starts[i]);
            program.Append(sections[i].Code);
        }
        return program.Build();
    }
}
