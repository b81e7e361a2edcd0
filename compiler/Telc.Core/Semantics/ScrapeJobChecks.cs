using Telc.Diagnostics;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// What the schema cannot say about a scrape job (the binder checks that it selects services on a named port or lists
/// targets, one of the two): targets are host:port, and TLS needs https. Checked on documents with other errors too.
/// </summary>
public static class ScrapeJobChecks
{
    public static IEnumerable<Diagnostic> Check(MetricPipelineSpec pipeline)
    {
        foreach (var selector in pipeline.Input?.Prometheus?.Selectors is { IsDefault: false } selectors ? selectors : [])
        {
            if (selector is null)
            {
                continue;
            }

            foreach (var target in selector.Targets.IsDefault ? [] : selector.Targets)
            {
                if (target is not null && !ConfigurationChecker.HostPort().IsMatch(target.Value))
                {
                    yield return Diagnostic.At(DiagnosticCatalogue.InvalidFormat, target.Location, $"'{target.Value}' is not a host:port target",
                        "e.g. 10.0.0.5:2379 or etcd-0.example:2379");
                }
            }

            if (selector.Scheme == ScrapeScheme.Http && selector.Tls is { } tls)
            {
                yield return Diagnostic.At(DiagnosticCatalogue.GoesNowhere, tls.Location,
                    $"scrape job '{selector.Name}' sets tls but scrapes over http, so the TLS settings are not used", "add scheme: https");
            }
        }
    }
}
