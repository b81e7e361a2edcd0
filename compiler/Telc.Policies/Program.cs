using System.Text.Json;
using Telc.Policies;

// telc-policy: the worker telc starts to run policies (PolicyRunner); it reads one request on standard input.
// Regular expressions in policies give up after a second instead of hanging on a hostile pattern.
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));
var request = JsonSerializer.Deserialize(Console.OpenStandardInput(), PolicyProtocolJson.Default.PolicyRequest)
    ?? throw new InvalidOperationException("no request on standard input");
return PolicyWorker.Run(request, Console.Out);
