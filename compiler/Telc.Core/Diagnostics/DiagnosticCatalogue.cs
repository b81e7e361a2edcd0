namespace Telc.Diagnostics;

/// <summary>
/// Every diagnostic code telc can report. Codes are never renumbered or reused:
/// TELC1xx reading, syntax and schema; TELC2xx semantic checks; TELC3xx PromQL; TELC4xx policies; TELC5xx emit.
/// </summary>
public static class DiagnosticCatalogue
{
    private const DiagnosticLevel Error = DiagnosticLevel.Error;
    private const DiagnosticLevel Warning = DiagnosticLevel.Warning;

    // Reading sources.
    public static readonly DiagnosticDescriptor NoDocuments = new("TELC100", "No spec documents found", Error);
    public static readonly DiagnosticDescriptor FileUnreadable = new("TELC101", "File cannot be read", Error);
    public static readonly DiagnosticDescriptor FileTooLarge = new("TELC102", "File is too large", Error);
    public static readonly DiagnosticDescriptor InvalidEncoding = new("TELC103", "File is not valid UTF-8", Error);
    public static readonly DiagnosticDescriptor SymlinkOutsideRoot = new("TELC104", "Symbolic link points outside the spec root", Error);
    public static readonly DiagnosticDescriptor EmptyFile = new("TELC105", "File holds no YAML document", Warning);

    // YAML syntax.
    public static readonly DiagnosticDescriptor YamlSyntax = new("TELC110", "Invalid YAML", Error);
    public static readonly DiagnosticDescriptor TabIndentation = new("TELC111", "Tab used for indentation", Error);
    public static readonly DiagnosticDescriptor DuplicateKey = new("TELC112", "Duplicate mapping key", Error);
    public static readonly DiagnosticDescriptor AliasExpansionTooLarge = new("TELC113", "Aliases expand to too many nodes", Error);
    public static readonly DiagnosticDescriptor NestingTooDeep = new("TELC114", "YAML nested too deeply", Error);
    public static readonly DiagnosticDescriptor UnsupportedTag = new("TELC115", "Unsupported YAML tag", Error);
    public static readonly DiagnosticDescriptor ComplexKey = new("TELC116", "Mapping key is not a plain value", Error);

    // Document envelope and schema.
    public static readonly DiagnosticDescriptor DocumentNotMapping = new("TELC120", "Document is not a mapping", Error);
    public static readonly DiagnosticDescriptor MissingEnvelopeField = new("TELC121", "Document lacks apiVersion or kind", Error);
    public static readonly DiagnosticDescriptor UnknownApiVersion = new("TELC122", "Unknown apiVersion", Error);
    public static readonly DiagnosticDescriptor UnknownKind = new("TELC123", "Unknown kind", Error);
    public static readonly DiagnosticDescriptor UnknownProperty = new("TELC130", "Unknown field", Error);
    public static readonly DiagnosticDescriptor WrongType = new("TELC131", "Value has the wrong type", Error);
    public static readonly DiagnosticDescriptor MissingProperty = new("TELC132", "Required field is missing", Error);
    public static readonly DiagnosticDescriptor ValueNotAllowed = new("TELC133", "Value is not one of the allowed values", Error);
    public static readonly DiagnosticDescriptor InvalidFormat = new("TELC134", "Value does not have the expected format", Error);
    public static readonly DiagnosticDescriptor OutOfRange = new("TELC135", "Value is out of range", Error);
    public static readonly DiagnosticDescriptor ExactlyOneOf = new("TELC136", "Exactly one of several fields must be set", Error);
    public static readonly DiagnosticDescriptor DuplicateListItem = new("TELC137", "Duplicate item in a list", Error);

    // Semantic checks.
    public static readonly DiagnosticDescriptor DuplicateName = new("TELC200", "Name declared twice", Error);
    public static readonly DiagnosticDescriptor UnresolvedReference = new("TELC201", "Reference does not resolve", Error);
    public static readonly DiagnosticDescriptor InvalidDuration = new("TELC202", "Invalid duration", Error);
    public static readonly DiagnosticDescriptor InvalidSize = new("TELC203", "Invalid size", Error);
    public static readonly DiagnosticDescriptor UnknownEnvironment = new("TELC204", "Unknown environment", Error);
    public static readonly DiagnosticDescriptor TeamFolderOwner = new("TELC205", "Document in a team folder belongs to another team", Error);
    public static readonly DiagnosticDescriptor KindNotAllowedInTeamFolder = new("TELC206", "Kind not allowed in a team folder", Error);
    public static readonly DiagnosticDescriptor MultipleProjects = new("TELC207", "More than one Project", Error);
    public static readonly DiagnosticDescriptor IncompatibleBackend = new("TELC208", "Backend cannot serve this use", Error);
    public static readonly DiagnosticDescriptor AmbiguousBackend = new("TELC209", "Backend must be named", Error);
    public static readonly DiagnosticDescriptor InvalidPresetReference = new("TELC210", "Invalid preset reference", Error);
    public static readonly DiagnosticDescriptor MissingFile = new("TELC211", "Referenced file does not exist", Error);

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        typeof(DiagnosticCatalogue).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();
}
