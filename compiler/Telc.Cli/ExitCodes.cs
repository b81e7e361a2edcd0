namespace Telc.Cli;

/// <summary>The exit-code contract CI relies on.</summary>
public static class ExitCodes
{
    public const int Clean = 0;
    public const int ProblemsFound = 1;
    public const int DifferenceFound = 2;
    public const int UsageError = 3;
    public const int InternalError = 4;
}
