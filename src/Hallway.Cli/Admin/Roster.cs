using Hallway.Core.Accounts;
using Hallway.Core.Common;

namespace Hallway.Cli.Admin;

/// <summary>One person of a roster, checked: who they are, their class group (if any) and role.</summary>
internal sealed record RosterRow(int Line, string Name, string Username, string? Class, UserRole Role, string? Password);

/// <summary>
/// A school roster as a CSV file: a header naming the columns <c>name, username, class, role</c>
/// (any order, English or Russian names; <c>password</c> optional), then a row a person
/// (<see cref="CsvRecords"/>: commas, semicolons or tabs; UTF-8 with or without BOM). Every row is
/// checked before anything is made, and every problem is reported with its line number.
/// </summary>
internal static class Roster
{
    public const int MaxRows = 10_000;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name",
        ["имя"] = "name",
        ["фио"] = "name",
        ["username"] = "username",
        ["login"] = "username",
        ["логин"] = "username",
        ["class"] = "class",
        ["group"] = "class",
        ["класс"] = "class",
        ["группа"] = "class",
        ["role"] = "role",
        ["роль"] = "role",
        ["password"] = "password",
        ["пароль"] = "password",
    };

    private static readonly Dictionary<string, UserRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = UserRole.Student,
        ["student"] = UserRole.Student,
        ["ученик"] = UserRole.Student,
        ["ученица"] = UserRole.Student,
        ["teacher"] = UserRole.Teacher,
        ["учитель"] = UserRole.Teacher,
        ["преподаватель"] = UserRole.Teacher,
        ["admin"] = UserRole.Admin,
        ["администратор"] = UserRole.Admin,
    };

    /// <summary>The rows that are right, and every problem found ("line N: ..."): import only when there are none.</summary>
    public static (IReadOnlyList<RosterRow> Rows, IReadOnlyList<string> Problems) Parse(string text)
    {
        var problems = new List<string>();
        var rows = new List<RosterRow>();
        using var records = CsvRecords.Read(text).GetEnumerator();
        if (!records.MoveNext())
        {
            return ([], ["line 1: the file is empty: it needs a header line 'name,username,class,role'"]);
        }

        var index = MapHeader(records.Current.Fields, problems);
        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(f => f.Trim().Length == 0))
            {
                continue; // a spreadsheet's trailing ";;;" line
            }

            if (rows.Count + problems.Count >= MaxRows)
            {
                problems.Add($"line {line}: a roster has at most {MaxRows} rows; split the file");
                break;
            }

            string Field(string column) => index.TryGetValue(column, out var i) && i < fields.Count ? fields[i].Trim() : string.Empty;
            var row = Check(line, Field("name"), Field("username"), Field("class"), Field("role"), Field("password"), problems);
            if (row is null)
            {
                continue;
            }

            var key = UsernameRules.Key(row.Username);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add($"line {line}: username '{row.Username}' is already on line {first}");
                continue;
            }

            seen[key] = line;
            rows.Add(row);
        }

        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add("line 2: the roster has a header but nobody in it");
        }

        return (rows, problems);
    }

    private static Dictionary<string, int> MapHeader(IReadOnlyList<string> header, List<string> problems)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (!Columns.TryGetValue(name, out var column))
            {
                problems.Add($"line 1: unknown column '{name}' (columns: name, username, class, role, password)");
            }
            else if (!index.TryAdd(column, i))
            {
                problems.Add($"line 1: column '{column}' appears twice");
            }
        }

        foreach (var required in new[] { "name", "username" })
        {
            if (!index.ContainsKey(required))
            {
                problems.Add($"line 1: the header has no '{required}' column");
            }
        }

        return index;
    }

    private static RosterRow? Check(int line, string name, string username, string className, string role, string password, List<string> problems)
    {
        var before = problems.Count;
        void Try(Action check)
        {
            try
            {
                check();
            }
            catch (HallwayException e)
            {
                problems.Add($"line {line}: {e.Message}");
            }
        }

        Try(() => TextRules.RequireLine(name, "name", 1, 64));
        Try(() => UsernameRules.Validate(username));
        if (className.Length > 0)
        {
            Try(() => TextRules.RequireLine(className, "class", 1, 100));
        }

        if (!Roles.TryGetValue(role, out var parsedRole))
        {
            problems.Add($"line {line}: unknown role '{role}' (student, teacher or admin)");
        }

        if (password.Length > 0)
        {
            Try(() => UsernameRules.ValidatePassword(password));
        }

        return problems.Count > before ? null : new RosterRow(line, name, username, className.Length > 0 ? className : null, parsedRole, password.Length > 0 ? password : null);
    }
}
