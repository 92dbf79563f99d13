using System.Text.RegularExpressions;

namespace Hallway.Core.Tests;

/// <summary>
/// Test strings written with \uXXXX escapes. Attribute arguments are stored as UTF-8, which turns
/// a lone surrogate into U+FFFD, so such strings must be built at run time.
/// </summary>
internal static class Escaped
{
    public static string Text(string escaped) => Regex.Unescape(escaped);
}
