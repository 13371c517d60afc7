namespace Berth.UnitTests.Daemon.Spec;

/// <summary>Gives each test a fresh <see cref="SpecFixture"/> (some tests change its rootfs).</summary>
public abstract class SpecTestBase : IDisposable
{
    protected SpecFixture F { get; } = new();

    public void Dispose()
    {
        F.Dispose();
        GC.SuppressFinalize(this);
    }
}
