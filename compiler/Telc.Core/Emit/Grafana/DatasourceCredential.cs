using Telc.Spec.Kinds;

namespace Telc.Emit.Grafana;

/// <summary>
/// A secret a datasource needs: the environment variable Grafana's container reads it into from the Secret, and the
/// secureJsonData key it goes to (basicAuthPassword, token).
/// </summary>
public sealed record DatasourceCredential(string Variable, string Key, SecretKeyRef Secret);
