namespace Telc.Emit.Elasticsearch;

/// <summary>
/// How the collectors and Fluent Bit write to an Elasticsearch telc runs: over plain HTTP to its Service inside the
/// cluster, as a user the setup Job creates with the right to add documents to its pipelines' data streams only.
/// </summary>
public static class ElasticsearchWriter
{
    public const int HttpPort = 9200;

    public const string User = "telc-logs-writer";

    public static string Url(string serviceHost) => $"http://{serviceHost}:{HttpPort}";
}
