using System.Text;
using Telc.Model;

namespace Telc.Emit.Elasticsearch;

/// <summary>
/// The setup Job's script (bash, run in the Elasticsearch image, which has curl): waits for the cluster, sends each
/// request body from the ConfigMap, sets the passwords of kibana_system and of the writer users (the collectors',
/// Zipkin's) from the Secrets in its environment, then waits for Kibana and creates the data views. Every request replaces what it names, so a run
/// after a change, or a retry, leaves the same state. It stops at the first refusal, and the Job retries it.
/// </summary>
public static class SetupScript
{
    public const string FileName = "setup.sh";

    public const string ElasticPassword = "ELASTIC_PASSWORD";

    public const string KibanaPassword = "KIBANA_SYSTEM_PASSWORD";

    public const string WriterPassword = "WRITER_PASSWORD";

    public static string Build(ElasticsearchPlan plan, IReadOnlyList<SetupRequest> requests, int kibanaPort)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        // A user with the role of its name and the writer's password.
        void User(string name) =>
            Line($"printf '{{\"password\":%s,\"roles\":[\"{name}\"]}}' \"$(json_string \"${WriterPassword}\")\" | send PUT \"$es/_security/user/{name}\" -");

        Line("#!/bin/bash");
        Line($"# Index lifecycle, templates, users and data views of Elasticsearch '{plan.Backend.Name}', rendered by telc. Every request is idempotent.");
        Line("set -euo pipefail");
        Line($"es=http://{plan.ObjectName}:{ElasticsearchWriter.HttpPort}");
        Line($"kibana=http://{plan.KibanaName}:{kibanaPort}");
        Line();
        Line("# Waits until the URL answers with success, for at most ten minutes (then the Job retries).");
        Line("ready() {");
        Line("  for _ in $(seq 60); do");
        Line($"    curl --fail --silent --output /dev/null --user \"elastic:${{{ElasticPassword}}}\" \"$1\" && return 0");
        Line("    echo \"waiting for $1\"; sleep 10");
        Line("  done");
        Line("  echo \"$1 did not answer in ten minutes\" >&2; exit 1");
        Line("}");
        Line();
        Line("# METHOD URL BODY-FILE (- for standard input), as the elastic superuser; kbn-xsrf is what Kibana's API asks of every change.");
        Line("send() {");
        Line($"  curl --fail-with-body --silent --show-error --user \"elastic:${{{ElasticPassword}}}\" -X \"$1\" \"$2\" \\");
        Line("    -H 'Content-Type: application/json' -H 'kbn-xsrf: true' --data-binary \"@$3\"");
        Line("  echo");
        Line("}");
        Line();
        Line("# A password as a JSON string (backslashes and double quotes escaped).");
        Line("json_string() { local s=${1//\\\\/\\\\\\\\}; s=${s//\\\"/\\\\\\\"}; printf '\"%s\"' \"$s\"; }");
        Line();
        Line("ready \"$es/_cluster/health?wait_for_status=yellow&timeout=10s\"");
        foreach (var request in requests.Where(r => r.Target == SetupTarget.Elasticsearch))
        {
            Line($"send {request.Method} \"$es/{request.Path}\" {SetupJob.Directory}/{request.File}");
        }

        if (!plan.Streams.IsEmpty)
        {
            User(ElasticsearchWriter.User);
        }

        // After the index templates, so Zipkin can write no index they do not make.
        if (plan.Zipkin is not null)
        {
            User(ZipkinIndexSetup.User);
        }

        if (plan.Spec.Kibana)
        {
            Line($"printf '{{\"password\":%s}}' \"$(json_string \"${KibanaPassword}\")\" | send POST \"$es/_security/user/kibana_system/_password\" -");
            Line("ready \"$kibana/api/status\"");
            foreach (var request in requests.Where(r => r.Target == SetupTarget.Kibana))
            {
                Line($"send {request.Method} \"$kibana/{request.Path}\" {SetupJob.Directory}/{request.File}");
            }
        }

        return text.ToString();
    }
}
