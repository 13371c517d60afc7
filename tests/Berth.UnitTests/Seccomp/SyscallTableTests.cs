using Berth.Runtime.Seccomp.Syscalls;

namespace Berth.UnitTests.Seccomp;

public class SyscallTableTests
{
    [Theory]
    [InlineData("read", 0)]
    [InlineData("rt_sigaction", 13)]
    [InlineData("uname", 63)]
    [InlineData("getcwd", 79)]
    [InlineData("personality", 135)]
    [InlineData("set_mempolicy_home_node", 450)]
    [InlineData("socketcall", -1)]
    [InlineData("no_such_syscall", -1)]
    public void X86_64_HasTheKernelNumbers(string name, int number) => Assert.Equal(number, SyscallTable.X86_64(name));

    [Theory]
    [InlineData("read", 3)]
    [InlineData("_llseek", 140)]
    [InlineData("socketcall", 102)]
    [InlineData("getcwd", 183)]
    [InlineData("socket", 359)]
    [InlineData("arch_prctl", 384)]
    [InlineData("no_such_syscall", -1)]
    public void I386_HasTheKernelNumbers(string name, int number) => Assert.Equal(number, SyscallTable.I386(name));

    [Theory]
    [InlineData("read", 0x40000000)]
    [InlineData("getcwd", 0x40000000 + 79)]
    [InlineData("rt_sigaction", 0x40000000 + 512)]
    [InlineData("execve", 0x40000000 + 520)]
    [InlineData("uselib", -1)]
    [InlineData("no_such_syscall", -1)]
    public void X32_UsesItsOwnNumbersWithTheX32Bit(string name, int number) => Assert.Equal(number, SyscallTable.X32(name));
}
