using System.Text.Json.Serialization;

namespace Hallway.Core.Common;

/// <summary>Enums travel as their lower-case names only; a number where a name belongs is an error.</summary>
public sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
