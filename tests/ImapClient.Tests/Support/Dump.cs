using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Imap.Tests.Support;

/// <summary>
/// Renders any parsed value as deterministic text (type, then public properties in name order, recursively), so
/// that tests can compare whole results exactly.
/// </summary>
internal static class Dump
{
    public static string Of(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > 40)
        {
            sb.Append('…');
            return;
        }

        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                sb.Append('"').Append(s).Append('"');
                return;
            case byte[] bytes:
                sb.Append("b\"").Append(Encoding.Latin1.GetString(bytes)).Append('"');
                return;
            case ReadOnlyMemory<byte> memory:
                sb.Append("b\"").Append(Encoding.Latin1.GetString(memory.Span)).Append('"');
                return;
            case DateTimeOffset date:
                sb.Append(date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is Enum:
                sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case char c:
                sb.Append('\'').Append(c).Append('\'');
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case UidSet or SequenceSet:
                sb.Append(value);
                return;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            Write(sb, type.GetProperty("Key")!.GetValue(value), depth + 1);
            sb.Append('=');
            Write(sb, type.GetProperty("Value")!.GetValue(value), depth + 1);
            return;
        }

        if (value is IEnumerable items)
        {
            sb.Append('[');
            bool first = true;
            foreach (var item in items)
            {
                if (!first)
                {
                    sb.Append(", ");
                }

                first = false;
                Write(sb, item, depth + 1);
            }

            sb.Append(']');
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTuple<,,>))
        {
            sb.Append(value);
            return;
        }

        sb.Append(type.Name).Append('{');
        bool firstProperty = true;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            var propertyValue = property.GetValue(value);
            if (propertyValue is null || propertyValue is IList { Count: 0 } || (propertyValue is ReadOnlyMemory<byte> m && m.IsEmpty))
            {
                continue;
            }

            if (!firstProperty)
            {
                sb.Append(", ");
            }

            firstProperty = false;
            sb.Append(property.Name).Append('=');
            Write(sb, propertyValue, depth + 1);
        }

        sb.Append('}');
    }
}
