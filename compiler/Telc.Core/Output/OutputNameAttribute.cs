namespace Telc.Output;

/// <summary>The field name a typed output property is written with, when it is not the camelCase of the property.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Marks an output record family whose fields are snake_case (Prometheus and Alertmanager configs).</summary>
public interface ISnakeCaseOutput;
