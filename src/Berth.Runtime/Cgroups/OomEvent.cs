namespace Berth.Runtime.Cgroups;

/// <summary>The kernel ran out of memory in the cgroup; OomKillCount is its oom_kill counter afterwards (0 if the kernel lacks it).</summary>
internal sealed record OomEvent(ulong OomKillCount);
