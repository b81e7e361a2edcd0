namespace Telc.Sources;

/// <summary>Where spec files come from: a folder of the working tree or a git ref.</summary>
public interface ISpecSource
{
    SourceSet Read();
}
