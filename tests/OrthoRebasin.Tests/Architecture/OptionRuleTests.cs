using System.Reflection;
using OrthoRebasin.Alignment.Methods;
using OrthoRebasin.Interpolation;
using OrthoRebasin.Manifest;
using OrthoRebasin.Models;
using OrthoRebasin.Validation;

namespace OrthoRebasin.Tests.Architecture;

/// <summary>A number a manifest can set carries its range with it: a new option cannot escape its check.</summary>
public sealed class OptionRuleTests
{
    [Fact]
    public void Every_number_a_manifest_can_set_has_a_validation_rule()
    {
        // Given every record the manifest binds: the schema's and every registered extension's options
        var records = new HashSet<Type>();
        foreach (var root in new[] { typeof(ExperimentsFile), typeof(PipelineSpec) }
                     .Concat(AlignmentMethods.Registry.Entries.Select(e => e.OptionsType))
                     .Concat(InterpolationPaths.Registry.Entries.Select(e => e.OptionsType))
                     .Concat(Architectures.Registry.Entries.Select(e => e.OptionsType)))
        {
            Collect(root, records);
        }

        // When
        var unruled = records
            .SelectMany(t => Settable(t).Select(p => (Type: t, Property: p)))
            .Where(x => IsNumeric(x.Property.PropertyType) && !x.Property.GetCustomAttributes<RuleAttribute>().Any())
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();

        // Then
        Assert.True(unruled.Count == 0, "numbers without a rule (add one, or [Unbounded] on purpose): " + string.Join(", ", unruled));
        Assert.Contains(typeof(MlpOptions), records);
        Assert.Contains(typeof(TrainingSpec), records);
    }

    private static void Collect(Type type, HashSet<Type> records)
    {
        if (!type.IsClass || type == typeof(string) || type == typeof(object) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsGenericType)
        {
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Collect(argument, records);
            }

            return;
        }

        if (!records.Add(type))
        {
            return;
        }

        foreach (var property in Settable(type))
        {
            Collect(property.PropertyType, records);
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static bool IsNumeric(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(double) || type == typeof(long) || type == typeof(float))
        {
            return true;
        }

        return type.IsGenericType && type.GetGenericArguments().Any(IsNumeric);
    }
}
