using System.Text.RegularExpressions;

namespace Hallway.Server.Tests.Api;

/// <summary>
/// Every error code Core can raise (Errors.cs, and each field an invalid_... code is made for) is
/// listed in docs/PROTOCOL.md §3.3, so a client author finds every code there.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    [Fact]
    public void EveryCoreErrorCode_IsInTheProtocolsErrorTable()
    {
        var root = RepositoryRoot();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src", "Hallway.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var codes = sources.SelectMany(s => Code().Matches(s).Select(m => m.Groups[1].Value))
            .Concat(sources.SelectMany(s => InvalidField().Matches(s).Select(m => "invalid_" + m.Groups[1].Value)))
            .Concat(sources.SelectMany(s => TextField().Matches(s).Select(m => "invalid_" + m.Groups[1].Value)))
            .ToHashSet(StringComparer.Ordinal);
        var protocol = File.ReadAllText(Path.Combine(root, "docs", "PROTOCOL.md"));
        var start = protocol.IndexOf("### 3.3 Error codes", StringComparison.Ordinal);
        var table = protocol[start..protocol.IndexOf("## 4. HTTP API", start, StringComparison.Ordinal)];

        Assert.True(codes.Count > 40, "Found too few codes: " + string.Join(", ", codes));
        var missing = codes.Where(c => !table.Contains($"`{c}`", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Not in PROTOCOL.md §3.3: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Hallway.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Hallway.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""new\("([a-z_]+)", ErrorKind""")]
    private static partial Regex Code();

    [GeneratedRegex(@"Invalid\(""([a-z_]+)""")]
    private static partial Regex InvalidField();

    [GeneratedRegex(@"(?:RequireLine|OptionalText)\(\s*[^,()]+,\s*""([a-z_]+)""")]
    private static partial Regex TextField();
}
