using System.Text.Json;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Errors;
using Berth.Daemon.Hosting;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    /// <summary>Changes a container's resources and restart policy (docker update): zero fields keep their value, as in
    /// dockerd; a running container gets the new limits from the runtime at once. Answers dockerd's warnings.</summary>
    public async Task<List<string>> UpdateAsync(string idOrName, HostConfig changes, HostResources host)
    {
        var c = store.Resolve(idOrName);
        List<string> warnings;
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            var h = c.HostConfig;
            if (changes.CpuShares != 0) h.CpuShares = changes.CpuShares;
            if (changes.Memory != 0) h.Memory = changes.Memory;
            if (changes.MemorySwap != 0) h.MemorySwap = changes.MemorySwap;
            if (changes.MemoryReservation != 0) h.MemoryReservation = changes.MemoryReservation;
            if (changes.NanoCpus != 0) h.NanoCpus = changes.NanoCpus;
            if (changes.CpuPeriod != 0) h.CpuPeriod = changes.CpuPeriod;
            if (changes.CpuQuota != 0) h.CpuQuota = changes.CpuQuota;
            if (changes.BlkioWeight != 0) h.BlkioWeight = changes.BlkioWeight;
            if (!string.IsNullOrEmpty(changes.CpusetCpus)) h.CpusetCpus = changes.CpusetCpus;
            if (!string.IsNullOrEmpty(changes.CpusetMems)) h.CpusetMems = changes.CpusetMems;
            if (changes.PidsLimit is { } pids && pids != 0) h.PidsLimit = pids;
            if (changes.RestartPolicy is { Name.Length: > 0 } policy)
            {
                if (h.AutoRemove && policy.Name != "no") throw new BadRequestError("Cannot update restart policy on an AutoRemove container");
                h.RestartPolicy = policy;
                RestartPolicies.Validate(h);
            }
            if (h.Memory > 0 && h.MemorySwap > 0 && h.MemorySwap < h.Memory)
                throw new BadRequestError("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
            ResourceLimits.Validate(h, host);
            warnings = ResourceLimits.DiscardUnsupported(h, host);
            if (c.State.Running)
            {
                var file = Path.Combine(paths.Bundle(c.Id), "update.json");
                AtomicFile.WriteAllText(file, JsonSerializer.Serialize(ResourceLimits.Build(h), SpecWriteContext.Default.LinuxResources), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                try { await runtime.UpdateAsync(c.Id, file); }
                catch (Runtime.RuntimeCallError e) { throw new ServerError($"Cannot update container {c.Id}: {e.Message}"); }
                finally { File.Delete(file); }
            }
            store.Save(c);
        }
        events.Publish("update", c);
        return warnings;
    }
}
