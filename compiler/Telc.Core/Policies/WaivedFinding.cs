using Telc.Diagnostics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Policies;

/// <summary>A finding a waiver accepted: not counted, but listed in every report with who accepted it and until when.</summary>
public sealed record WaivedFinding(Diagnostic Diagnostic, string Target, Resource Waiver, WaiverSpec Spec);
