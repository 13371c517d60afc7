using Berth.Cli.CommandLine;
using OciReference = Berth.Oci.Reference.ImageReference;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth commit`: a new image from a container's changes, its ID printed as docker prints it.</summary>
public static class CommitCommand
{
    /// <summary>commit [-a AUTHOR] [-c CHANGE]... [-m MESSAGE] [-p=false] CONTAINER [REPOSITORY[:TAG]].</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = new FlagSet(command).Value("author", 'a').Value("change", 'c').Value("message", 'm').Bool("pause", 'p').Bool("help")
            .Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Commit, command)); return 0; }
        if (flags.Arguments.Count is < 1 or > 2) throw new ArgumentsError(command, "at least 1 and at most 2 arguments", runHint: true);
        var query = new List<string> { "container=" + Uri.EscapeDataString(flags.Arguments[0]) };
        var (repository, tag) = flags.Arguments.Count == 2 ? Target(flags.Arguments[1]) : ("", "");
        query.Add("repo=" + Uri.EscapeDataString(repository));
        query.Add("tag=" + Uri.EscapeDataString(tag));
        query.Add("comment=" + Uri.EscapeDataString(flags.Get("message") ?? ""));
        query.Add("author=" + Uri.EscapeDataString(flags.Get("author") ?? ""));
        query.AddRange(flags.Values("change").Select(c => "changes=" + Uri.EscapeDataString(c)));
        // Pausing is the daemon's default; the client only speaks up to turn it off.
        if (flags.Has("pause") && !flags.IsOn("pause")) query.Add("pause=0");
        var reply = await context.Client.RequestAsync(HttpMethod.Post, "/commit?" + string.Join('&', query), null);
        context.Out.WriteLine(reply?["Id"]?.ToString() ?? "");
        return 0;
    }

    /// <summary>The repository (familiar name) and tag ("latest" when none) docker's client sends for a reference.</summary>
    private static (string Repository, string Tag) Target(string text)
    {
        OciReference reference;
        try { reference = OciReference.Parse(text); }
        catch (FormatException e) { throw new CliError(e.Message, 1); }
        if (reference.Digest != null) throw new CliError("refusing to create a tag with a digest reference", 1);
        return (reference.FamiliarName, reference.Tag ?? OciReference.DefaultTag);
    }
}
