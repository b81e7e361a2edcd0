namespace Telc.Diff;

/// <summary>Which environment names count as production when classifying risk.</summary>
public static class Environments
{
    public static bool IsProduction(string? environment) =>
        environment is not null && (environment.Equals("prod", StringComparison.OrdinalIgnoreCase) || environment.StartsWith("prod", StringComparison.OrdinalIgnoreCase));
}
