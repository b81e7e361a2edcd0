using Telc.Output;

namespace Telc.Emit.Elasticsearch;

/// <summary>Where a request of the setup Job goes.</summary>
public enum SetupTarget
{
    Elasticsearch,
    Kibana,
}

/// <summary>
/// One idempotent request of the setup Job: <paramref name="Body"/> is sent from the ConfigMap file <paramref name="File"/>,
/// whose name ends the way tests/tools/elasticsearch/check-elasticsearch.js expects of its kind (.ilm.json…).
/// </summary>
public sealed record SetupRequest(SetupTarget Target, string Method, string Path, string File, OutMap Body);
