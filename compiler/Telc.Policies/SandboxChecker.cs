using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Telc.Policies;

/// <summary>
/// Refuses policy code that could reach outside the policy API. A policy from a pull request is untrusted, so
/// every type and member its code names is checked against an allow-list: collections, LINQ, strings, numbers,
/// regular expressions (the worker sets their timeout), the spec model and the policy API. Files, network,
/// processes, environment, reflection, threading, interop and <c>dynamic</c> are outside it; unsafe code does not compile.
/// </summary>
public static class SandboxChecker
{
    private static readonly ImmutableHashSet<string> AllowedNamespaces = ImmutableHashSet.Create(StringComparer.Ordinal,
        "System.Collections.Generic", "System.Collections.Immutable", "System.Linq", "System.Text.RegularExpressions",
        "Telc.Spec", "Telc.Spec.Kinds", "Telc.Spec.Values", "Telc.PromQL", "Telc.Text",
        "Telc.Emit.Kubernetes", "Telc.Emit.Prometheus", "Telc.Emit.PrometheusOperator", "Telc.Emit.Alertmanager");

    private static readonly ImmutableHashSet<string> AllowedSystemTypes = ImmutableHashSet.Create(StringComparer.Ordinal,
        "Object", "String", "Char", "Boolean", "Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64",
        "Single", "Double", "Decimal", "Math", "MathF", "Nullable", "Nullable`1", "TimeSpan", "DateOnly", "StringComparison",
        "StringComparer", "StringSplitOptions", "Uri", "UriKind", "UriFormat", "UriComponents", "Index", "Range", "IEquatable`1",
        "IComparable`1", "IComparable", "Comparison`1", "Predicate`1", "Exception", "ArgumentException",
        "ArgumentNullException", "ArgumentOutOfRangeException", "InvalidOperationException", "FormatException",
        "NotSupportedException", "KeyValuePair", "Void", "Enum", "Tuple", "ValueTuple", "FormattableString", "IFormatProvider",
        "MidpointRounding", "Half", "Array", "MemoryExtensions", "Span`1", "ReadOnlySpan`1");

    private static readonly ImmutableHashSet<string> AllowedOtherTypes = ImmutableHashSet.Create(StringComparer.Ordinal,
        "System.Text.StringBuilder", "System.Text.StringBuilder.AppendInterpolatedStringHandler",
        "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler", "System.Globalization.CultureInfo",
        "System.Globalization.NumberStyles", "System.Collections.IEnumerable", "System.Collections.IEnumerator",
        // The policy API, and nothing else of Telc.Policies: the runner there starts processes and reads files.
        "Telc.Policies.Policy", "Telc.Policies.PolicyInfo", "Telc.Policies.PolicyOption", "Telc.Policies.PolicyFinding",
        "Telc.Policies.PolicyContext", "Telc.Policies.RenderedObject", "Telc.Policies.AlertDelivery", "Telc.Policies.RuleInGroup", "Telc.Policies.SpecString");

    /// <summary>Members that lead to reflection from types that are otherwise fine.</summary>
    private static readonly ImmutableHashSet<string> DeniedMembers = ImmutableHashSet.Create(StringComparer.Ordinal,
        "GetType", "MemberwiseClone", "AsParallel", "GetEnumUnderlyingType");

    private static readonly ImmutableHashSet<string> DeniedTypes = ImmutableHashSet.Create(StringComparer.Ordinal,
        "System.Linq.ParallelEnumerable", "System.Linq.ParallelQuery", "System.Linq.ParallelQuery`1", "System.Linq.Queryable");

    public static IEnumerable<(Location Location, string Message)> Check(CSharpCompilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var reported = new HashSet<(int Line, string Message)>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                foreach (var problem in Problems(node, model, compilation.Assembly))
                {
                    if (reported.Add((node.GetLocation().GetLineSpan().StartLinePosition.Line, problem)))
                    {
                        yield return (node.GetLocation(), problem);
                    }
                }
            }
        }
    }

    private static IEnumerable<string> Problems(SyntaxNode node, SemanticModel model, IAssemblySymbol own)
    {
        // Naming a namespace or type in a using directive runs nothing; what the code then calls is checked where it is called.
        if (node is UsingDirectiveSyntax || node.Ancestors().Any(a => a is UsingDirectiveSyntax))
        {
            yield break;
        }

        // async runs a continuation on a thread-pool thread, and a finalizer runs on the finalizer thread: both would
        // run policy code outside the one thread telc times and stops.
        if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
            && node.ChildTokens().Concat(node is AnonymousFunctionExpressionSyntax lambda ? [lambda.AsyncKeyword] : []).Any(t => t.IsKind(SyntaxKind.AsyncKeyword)))
        {
            yield return "async code is not allowed in a policy";
            yield break;
        }

        if (node is DestructorDeclarationSyntax)
        {
            yield return "a finalizer is not allowed in a policy";
            yield break;
        }

        if (node is ExpressionSyntax or TypeSyntax)
        {
            var type = model.GetTypeInfo(node).Type;
            if (type is { TypeKind: TypeKind.Dynamic })
            {
                yield return "dynamic is not allowed in a policy";
                yield break;
            }

            if (type is not null && Denied(type, own) is { } deniedType)
            {
                yield return $"{deniedType} is outside what a policy may use";
                yield break;
            }

            if (ExceptionAsText(node, model, own) is { } leak)
            {
                yield return leak;
                yield break;
            }

            var info = model.GetSymbolInfo(node);
            foreach (var symbol in info.Symbol is { } s ? [s] : info.CandidateSymbols)
            {
                if (Denied(symbol, own) is { } denied)
                {
                    yield return $"{denied} is outside what a policy may use";
                    yield break;
                }
            }
        }
    }

    /// <summary>The name of what is not allowed about the symbol, or null when it is allowed.</summary>
    private static string? Denied(ISymbol symbol, IAssemblySymbol own)
    {
        switch (symbol)
        {
            case INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or IDiscardSymbol:
                return null;
            case ITypeParameterSymbol:
                return null;
            case IArrayTypeSymbol array:
                return Denied(array.ElementType, own);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return symbol.ToDisplayString();
            case INamedTypeSymbol named:
                return DeniedType(named, own);
            default:
                if (DeniedMembers.Contains(symbol.Name))
                {
                    return $"{symbol.ContainingType?.ToDisplayString()}.{symbol.Name}";
                }

                if (symbol is IMethodSymbol { IsExtern: true })
                {
                    return $"extern method {symbol.Name}";
                }

                // An exception's stack trace, source and data tell about telc's own code; its message is enough.
                if (IsException(symbol.ContainingType) && symbol is not IMethodSymbol { MethodKind: MethodKind.Constructor }
                    && symbol.Name is not ("Message" or "InnerException"))
                {
                    return $"{symbol.ContainingType!.ToDisplayString()}.{symbol.Name}";
                }

                return symbol.ContainingType is { } containing ? DeniedType(containing, own) : null;
        }
    }

    private static string? DeniedType(INamedTypeSymbol type, IAssemblySymbol own)
    {
        if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, own))
        {
            return null;
        }

        var definition = type.OriginalDefinition;
        var ns = definition.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        var metadataName = definition.ContainingType is null ? definition.MetadataName : $"{definition.ContainingType.MetadataName}.{definition.MetadataName}";
        var fullName = ns.Length == 0 ? metadataName : $"{ns}.{metadataName}";
        var allowed = !DeniedTypes.Contains(fullName)
            && (AllowedNamespaces.Contains(ns)
                || (ns == "System" && (AllowedSystemTypes.Contains(definition.MetadataName) || IsDelegateOrTuple(definition)))
                || AllowedOtherTypes.Contains(fullName.Replace('+', '.')));
        if (!allowed)
        {
            return definition.ToDisplayString();
        }

        return type.TypeArguments.Select(a => Denied(a, own)).FirstOrDefault(d => d is not null);
    }

    /// <summary>
    /// An exception turned into text other than through its Message: ToString, which interpolation, concatenation,
    /// string.Join and every object-taking formatter call, prints the stack trace of telc's own code.
    /// </summary>
    private static string? ExceptionAsText(SyntaxNode node, SemanticModel model, IAssemblySymbol own)
    {
        const string Refusal = "an exception may be read only through its Message";
        var typeInfo = model.GetTypeInfo(node);
        if (typeInfo.Type is { } type && HoldsException(type, own))
        {
            return Refusal;
        }

        if (IsException(typeInfo.Type as INamedTypeSymbol)
            && !(node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
            && (node.Parent is InterpolationSyntax
                || (typeInfo.ConvertedType is { } converted && !IsException(converted as INamedTypeSymbol) && !IsReferenceComparison(node.Parent))))
        {
            return Refusal;
        }

        return model.GetSymbolInfo(node).Symbol is IMethodSymbol { TypeArguments.Length: > 0 } method
            && !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, own)
            && method.TypeArguments.Any(t => IsException(t as INamedTypeSymbol))
                ? Refusal
                : null;
    }

    /// <summary>
    /// A type that carries exceptions (List&lt;Exception&gt;, (Exception, int), Exception[], an anonymous type or a record
    /// of the policy with one): its ToString, or any formatter given it, prints their stack traces. telc's own records
    /// hold no exception, and a policy cannot make them hold one.
    /// </summary>
    private static bool HoldsException(ITypeSymbol type, IAssemblySymbol own, HashSet<ITypeSymbol>? seen = null)
    {
        seen ??= new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        if (!seen.Add(type))
        {
            return false;
        }

        bool Carries(ITypeSymbol inner) => IsException(inner as INamedTypeSymbol) || HoldsException(inner, own, seen);
        return type switch
        {
            IArrayTypeSymbol array => Carries(array.ElementType),
            INamedTypeSymbol named when named.IsAnonymousType || (named.IsRecord && SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, own)) =>
                named.GetMembers().Any(m => m is IPropertySymbol { Type: var property } && Carries(property) || m is IFieldSymbol { Type: var field } && Carries(field)),
            INamedTypeSymbol named => named.TypeArguments.Any(Carries),
            _ => false,
        };
    }

    /// <summary><c>e == null</c> converts to object without turning anything into text.</summary>
    private static bool IsReferenceComparison(SyntaxNode? parent) =>
        parent is BinaryExpressionSyntax binary && (binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression));

    private static bool IsException(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDelegateOrTuple(INamedTypeSymbol type) =>
        type.Name is "Func" or "Action" or "ValueTuple" or "Tuple" || type.IsTupleType;
}
