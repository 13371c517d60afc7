// Every test here drives one shared dockerd and real kernel resources (cgroups, ptys): running them
// one at a time keeps timings (stop timeouts, pause checks) meaningful and failures attributable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
