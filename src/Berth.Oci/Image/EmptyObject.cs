namespace Berth.Oci.Image;

/// <summary>The "{}" that Go's map[string]struct{} writes as each value, as in ExposedPorts and Volumes.</summary>
public sealed record EmptyObject;
