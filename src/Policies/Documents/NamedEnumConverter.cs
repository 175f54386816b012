using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Policies.Documents;

/// <summary>
/// Writes an enum by its one user-facing name: the member's <see cref="JsonStringEnumMemberNameAttribute"/> where it
/// declares one (<c>latency_p99_ms</c>, <c>local</c>), else the member name (<c>Canary</c>). Reads that name, or the member
/// name (case-insensitive), so JSON stored before a name was declared (<c>LatencyP99Ms</c>, <c>Local</c>) still reads.
/// <see cref="JsonStringEnumConverter"/> cannot: once a member declares a name it refuses the old one.
/// </summary>
public sealed class NamedEnumConverter : JsonConverterFactory
{
    /// <summary>The name <paramref name="value"/> is written as.</summary>
    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        DeclaredNames<TEnum>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();

    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum;
    }

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly (string Name, TEnum Value)[] Names = [.. Enum.GetValues<TEnum>().Select(v => (NameOf(v), v))];

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()!)
                : throw new JsonException($"expected one of {Expected()} as a string, got {reader.TokenType}");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString()!);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WritePropertyName(NameOf(value));

        private static TEnum Parse(string text)
        {
            foreach (var (name, value) in Names)
            {
                if (string.Equals(name, text, StringComparison.Ordinal))
                {
                    return value;
                }
            }

            foreach (var (name, value) in Names)
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase) || string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            throw new JsonException($"'{text}' is not one of {Expected()}");
        }

        private static string Expected() => string.Join(", ", Names.Select(n => n.Name));
    }

    /// <summary>Each member's name, read by reflection once per enum: writing runs on every stored gate evaluation.</summary>
    private static class DeclaredNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(
            value => value,
            value => typeof(TEnum).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                ?? value.ToString());
    }
}
