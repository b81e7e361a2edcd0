using System.Collections.Immutable;
using Telc.Model;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Lowering;

/// <summary>A cluster's routing section: each Alertmanager with its AlertRouting and the routes it serves, Team routes included.</summary>
public static class RoutingLowering
{
    public static RoutingPlan Lower(SpecModel model, (Resource Resource, BackendSpec Spec)[] backends) =>
        new([.. backends.Where(b => b.Spec.Alertmanager is not null).Select(b => LowerAlertmanager(model, b.Resource, b.Spec.Alertmanager!))]);

    private static AlertmanagerPlan LowerAlertmanager(SpecModel model, Resource backend, AlertmanagerBackend spec)
    {
        var unnamedGoTo = BackendTypes.Default(model, BackendUse.Alertmanager);
        var routing = model.OfKind<AlertRoutingSpec>()
            .Where(r => (r.Spec.Backend?.Value ?? unnamedGoTo) == backend.Name)
            .OrderBy(r => r.Resource.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return new AlertmanagerPlan(backend, spec, ClusterLowering.ObjectName("alertmanager", backend.Name), routing.Resource, routing.Spec,
            routing.Spec is null ? [] : [.. routing.Spec.Routes, .. TeamRoutes.For(model, routing.Spec)]);
    }
}
