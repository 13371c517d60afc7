namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary>The test collection sharing one <see cref="DockerdFixture"/> across every dockerd scenario.</summary>
[CollectionDefinition(Name)]
public sealed class DockerdCollection : ICollectionFixture<DockerdFixture>
{
    /// <summary>The collection's name, for <c>[Collection]</c> attributes.</summary>
    public const string Name = "dockerd";
}
