using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Manifest;

/// <summary>
/// Binds a <see cref="ManifestNode"/> tree to the schema records (and method options) by reflection, with an error
/// at the node's own position for every mismatch: YamlDotNet's deserializer loses positions in its errors.
/// Supports records with <c>init</c> properties, <c>required</c> members, int, double, bool, string, enums,
/// <see cref="IReadOnlyList{T}"/>, <see cref="IReadOnlyDictionary{TKey, TValue}"/> with string keys, and
/// <c>object</c> options typed by the registered entry the record names (<see cref="InlineOptionsAttribute"/> for options written beside the id).
/// </summary>
internal static class RecordBinder
{
    public static T Bind<T>(ManifestNode node, string path) => (T)Bind(node, typeof(T), path);

    public static object Bind(ManifestNode node, Type type, string path)
    {
        // An optional number (int?) is bound as the number when written; absent, it stays null.
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Bind(node, underlying, path);
        }

        if (type == typeof(string))
        {
            return node is ManifestScalar { IsNull: false } s ? s.Value : throw Expected(node, path, "a string", "Write a single value");
        }

        if (type == typeof(int))
        {
            if (Plain(node) is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            // A whole number too large for an int would otherwise read as "not an integer".
            throw Plain(node) is { } digits && IsWholeNumber(digits)
                ? new ManifestException(
                    node, $"{path} is {Names.Escape(digits)}, outside the integer range {int.MinValue} to {int.MaxValue}. Write a number within it")
                : Expected(node, path, "an integer", "Write a whole number such as 20");
        }

        if (type == typeof(double))
        {
            return Plain(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw Expected(node, path, "a number", "Write a decimal number such as 0.001 or 1e-3");
        }

        if (type == typeof(bool))
        {
            return Plain(node) switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => throw Expected(node, path, "true or false", "Write true or false"),
            };
        }

        if (type.IsEnum)
        {
            return BindEnum(node, type, path);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return BindList(node, type.GetGenericArguments()[0], path);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            return BindDictionary(node, type.GetGenericArguments()[1], path);
        }

        return BindRecord(node, type, path);
    }

    /// <summary>The settable properties of a record, keyed by their YAML name, in declaration order.</summary>
    public static IReadOnlyList<(string Key, PropertyInfo Property)> KeysOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => (ManifestText.KeyOf(p.Name), p))
            .ToList();

    private static object BindEnum(ManifestNode node, Type type, string path)
    {
        var values = Enum.GetValues(type).Cast<Enum>().ToDictionary(ManifestText.ValueOf, v => (object)v, StringComparer.Ordinal);
        var valid = string.Join(", ", values.Keys);
        if (node is not ManifestScalar { IsNull: false } scalar)
        {
            throw Expected(node, path, $"one of {valid}", $"Write one of {valid}");
        }

        return values.TryGetValue(scalar.Value, out var value)
            ? value
            : throw new ManifestException(
                scalar,
                $"unknown value '{scalar.Value}' for {path}; valid values: {valid}. " +
                ManifestText.Suggest(scalar.Value, values.Keys, "Write one of them"));
    }

    private static object BindList(ManifestNode node, Type itemType, string path)
    {
        if (node is not ManifestSequence sequence)
        {
            throw Expected(node, path, "a sequence", "Write [a, b] or one '- item' per line");
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            list.Add(Bind(sequence.Items[i], itemType, ManifestText.Item(path, i)));
        }

        return list;
    }

    private static object BindDictionary(ManifestNode node, Type valueType, string path)
    {
        if (node is not ManifestMapping mapping)
        {
            throw Expected(node, path, "a mapping", "Write 'name: value' pairs indented under it");
        }

        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        foreach (var (key, value) in mapping.Entries)
        {
            dictionary.Add(key.Value, Bind(value, valueType, ManifestText.Child(path, key.Value)));
        }

        return dictionary;
    }

    private static object BindRecord(ManifestNode node, Type type, string path)
    {
        if (node is not ManifestMapping mapping)
        {
            throw Expected(node, path, "a mapping", "Write 'key: value' pairs indented under it");
        }

        var keys = KeysOf(type);
        var byKey = keys.ToDictionary(k => k.Key, k => k.Property, StringComparer.Ordinal);
        var handledElsewhere = ManifestRules.KeysHandledByLoader(type);
        var inline = keys.Select(k => k.Property).FirstOrDefault(p => p.GetCustomAttribute<InlineOptionsAttribute>() is not null);
        var instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"{type.Name} has no parameterless constructor.");
        var options = new List<(PropertyInfo Property, ManifestNode Value, string Path)>();
        var inlineEntries = new List<(ManifestScalar Key, ManifestNode Value)>();
        foreach (var (key, value) in mapping.Entries)
        {
            if (handledElsewhere.Contains(key.Value))
            {
                continue;
            }

            if (!byKey.TryGetValue(key.Value, out var property) || property == inline)
            {
                if (inline is null)
                {
                    throw UnknownKey(key, path, type, keys.Select(k => k.Key).Concat(handledElsewhere).ToList());
                }

                inlineEntries.Add((key, value));
                continue;
            }

            var childPath = ManifestText.Child(path, key.Value);
            if (property.PropertyType == typeof(object))
            {
                options.Add((property, value, childPath));
                continue;
            }

            var bound = Bind(value, property.PropertyType, childPath);
            ApplyRules(property, bound, value, childPath);
            property.SetValue(instance, bound);
        }

        foreach (var (key, property) in keys.Where(k => k.Property != inline))
        {
            if (IsRequired(property) && mapping.Find(key) is null)
            {
                throw new ManifestException(
                    mapping, $"missing required key '{key}' {ManifestText.Where(path)}. Add '{key}: {Placeholder(property.PropertyType)}'");
            }
        }

        foreach (var (property, value, childPath) in options)
        {
            var entry = ManifestRules.OptionsEntry(instance);
            property.SetValue(instance, BindOptions(value, entry, childPath));
        }

        if (inline is not null)
        {
            inline.SetValue(instance, BindInlineOptions(mapping, inlineEntries, ManifestRules.OptionsEntry(instance), path));
        }

        // Without `options:` a method or path gets its options record with every default, so the resolved recipe (and its
        // hash) says exactly what runs.
        foreach (var (key, property) in keys.Where(k => k.Property.PropertyType == typeof(object) && k.Property != inline && mapping.Find(k.Key) is null))
        {
            property.SetValue(instance, Activator.CreateInstance(ManifestRules.OptionsEntry(instance).OptionsType));
        }

        ManifestRules.CheckRecord(instance, mapping, path);
        return instance;
    }

    /// <summary>Options written beside the id in the record's own mapping: every other key must be one of the entry's options.</summary>
    private static object BindInlineOptions(ManifestMapping mapping, IReadOnlyList<(ManifestScalar Key, ManifestNode Value)> entries, IConfigurableEntry entry, string path)
    {
        var keys = KeysOf(entry.OptionsType);
        var takes = keys.Count == 0 ? "no keys" : string.Join(", ", keys.Select(k => k.Key));
        var instance = Activator.CreateInstance(entry.OptionsType)!;
        foreach (var (key, value) in entries)
        {
            var property = keys.FirstOrDefault(k => k.Key == key.Value).Property
                ?? throw new ManifestException(
                    key, $"{ManifestText.Child(path, key.Value)} is not a key of {KindOf(path)} '{entry.Id}', which takes {takes}. Remove it");
            var childPath = ManifestText.Child(path, key.Value);
            var bound = Bind(value, property.PropertyType, childPath);
            ApplyRules(property, bound, value, childPath);
            property.SetValue(instance, bound);
        }

        foreach (var (key, property) in keys.Where(k => IsRequired(k.Property) && mapping.Find(k.Key) is null))
        {
            throw new ManifestException(
                mapping, $"missing required key '{key}' {ManifestText.Where(path)} ({KindOf(path)} {entry.Id} takes {takes}). Add '{key}: {Placeholder(property.PropertyType)}'");
        }

        return instance;
    }

    // A model's options are an architecture's; the word is the one a reader of the recipe knows.
    private static string KindOf(string path) => path == "model" ? "architecture" : "entry";

    private static bool IsRequired(PropertyInfo property) =>
        property.GetCustomAttribute<RequiredMemberAttribute>() is not null || property.GetCustomAttribute<Validation.RequiredAttribute>() is not null;

    /// <summary>The property's validation rules on the value bound from <paramref name="node"/>, with the error at the item or key they name.</summary>
    private static void ApplyRules(PropertyInfo property, object value, ManifestNode node, string path)
    {
        foreach (var rule in property.GetCustomAttributes<Validation.RuleAttribute>())
        {
            if (rule.Check(value, path) is not { } violation)
            {
                continue;
            }

            var problem = violation.Problem;
            if (violation.FirstItem is { } first)
            {
                var earlier = Locate(node, first, violation.ItemKey);
                problem = problem.Replace("{first}", $"line {earlier.Line}, column {earlier.Column}", StringComparison.Ordinal);
            }

            throw new ManifestException(violation.Item is { } item ? Locate(node, item, violation.ItemKey, violation.InnerItem) : node, problem);
        }
    }

    private static ManifestNode Locate(ManifestNode node, int item, string? key, int? inner = null)
    {
        if (node is not ManifestSequence sequence || item >= sequence.Items.Count)
        {
            return node;
        }

        return sequence.Items[item] switch
        {
            ManifestMapping mapping when key is not null && mapping.Find(key) is { } child => child,
            ManifestSequence items when inner is { } i && i < items.Items.Count => items.Items[i],
            var target => target,
        };
    }

    private static object BindOptions(ManifestNode node, IConfigurableEntry entry, string path)
    {
        var type = entry.OptionsType;
        if (KeysOf(type).Count == 0 && node is ManifestMapping { Entries: [var (first, _), ..] })
        {
            throw new ManifestException(
                first, $"unknown key '{first.Value}' in {path}; '{entry.Id}' takes no options. Remove '{ManifestText.KeyOf("Options")}'");
        }

        return Bind(node, type, path);
    }

    private static ManifestException UnknownKey(ManifestScalar key, string path, Type type, IReadOnlyList<string> valid) =>
        new(
            key,
            valid.Count == 0
                ? $"unknown key '{key.Value}' {ManifestText.Where(path)}; {type.Name} takes no keys. Remove it"
                : $"unknown key '{key.Value}' {ManifestText.Where(path)}; valid keys: {string.Join(", ", valid)}. " +
                  ManifestText.Suggest(key.Value, valid, "Remove it or use one of the valid keys"));

    private static ManifestException Expected(ManifestNode node, string path, string what, string fix) =>
        new(node, $"{(path.Length == 0 ? "the top level" : path)}: expected {what}, got {node.Describe()}. {fix}");

    private static bool IsWholeNumber(string text)
    {
        var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    // Numbers and booleans must be plain: a quoted "20" is a string in YAML.
    private static string? Plain(ManifestNode node) => node is ManifestScalar { IsPlain: true, IsNull: false } s ? s.Value : null;

    private static string Placeholder(Type type) =>
        type == typeof(int) ? "<integer>"
        : type == typeof(double) ? "<number>"
        : type == typeof(string) ? "<value>"
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? "[...]"
        : "...";
}
