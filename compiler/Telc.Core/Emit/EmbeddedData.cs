using System.Text.Json;

namespace Telc.Emit;

/// <summary>Data files compiled into telc (the derived schemas of the collector and Fluent Bit).</summary>
public static class EmbeddedData
{
    public static JsonElement Json(string name)
    {
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded");
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}
