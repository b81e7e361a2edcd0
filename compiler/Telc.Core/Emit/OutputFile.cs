namespace Telc.Emit;

/// <summary>One rendered file: its path under the output root ('/'-separated) and its text (LF, UTF-8 when written).</summary>
public sealed record OutputFile(string Path, string Content);
