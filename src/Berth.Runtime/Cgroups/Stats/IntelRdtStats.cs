namespace Berth.Runtime.Cgroups.Stats;

/// <summary>runc's intel_rdt object; Berth has no resctrl support, so it serialises as {} like runc's on hosts without RDT.</summary>
internal sealed class IntelRdtStats;
