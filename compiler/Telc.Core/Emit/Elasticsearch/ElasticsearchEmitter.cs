using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Elasticsearch;

/// <summary>
/// An Elasticsearch backend of a cluster: its nodes (a StatefulSet, security on, HTTP inside the cluster without TLS),
/// Kibana when asked for, and the setup Job that applies the index lifecycle policies, templates, users and data views
/// of the log pipelines that ship to it. Secret values are referenced, never rendered.
/// </summary>
public sealed class ElasticsearchEmitter : IEmitter
{
    private const string App = "elasticsearch";

    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Elasticsearch: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Stores.Elasticsearches.SelectMany(plan => Emit(plan, context.Factory));

    private static IEnumerable<Component> Emit(ElasticsearchPlan plan, ObjectFactory factory)
    {
        var requests = SetupRequests.For(plan);
        yield return new Component(plan.ObjectName, [.. ElasticsearchNodes.Objects(plan, factory), .. Setup(plan, requests, factory)]);
        if (plan.Spec.Kibana)
        {
            yield return new Component(plan.KibanaName, [.. KibanaObjects.For(plan, factory)]);
        }
    }

    /// <summary>The setup Job and its ConfigMap (<see cref="SetupJob"/>): a new Job whenever what it sends changes.</summary>
    private static IEnumerable<IKubernetesObject> Setup(ElasticsearchPlan plan, IReadOnlyList<SetupRequest> requests, ObjectFactory factory)
    {
        var name = plan.ObjectName + "-setup";
        var files = requests.Select(r => (r.File, CanonicalJsonWriter.Write(r.Body)))
            .Append((SetupScript.FileName, SetupScript.Build(plan, requests, KibanaObjects.HttpPort)))
            .ToArray();
        ImmutableArray<EnvVar> environment =
        [
            ObjectFactory.SecretVariable(SetupScript.ElasticPassword, plan.Spec.PasswordSecretRef),
            .. plan.Spec.Kibana && plan.Spec.KibanaPasswordSecretRef is { } kibana ? [ObjectFactory.SecretVariable(SetupScript.KibanaPassword, kibana)] : Array.Empty<EnvVar>(),
            .. plan.HasWriters && plan.Spec.WriterPasswordSecretRef is { } writer ? [ObjectFactory.SecretVariable(SetupScript.WriterPassword, writer)] : Array.Empty<EnvVar>(),
        ];
        return SetupJob.Objects(factory, name, App, plan.Backend, files,
            new SetupScriptRun("setup", Images.Elasticsearch, ElasticsearchNodes.User, SetupScript.FileName, environment, ObjectFactory.Resources(null, "10m", "32Mi", "64Mi")));
    }
}
