using System.Text.Json;
using Telc.Policies;

// telc-policy: the worker telc starts to run policies (PolicyRunner). It reads a request line on standard input, and
// later a verdict line (PolicyProtocol.cs). Regular expressions in policies give up after a second instead of hanging
// on a hostile pattern.
AppDomain.CurrentDomain.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));
using var input = new StreamReader(Console.OpenStandardInput());
var request = JsonSerializer.Deserialize(input.ReadLine() ?? "null", PolicyProtocolJson.Default.PolicyRequest)
    ?? throw new InvalidOperationException("no request on standard input");
return PolicyWorker.Run(request, () => input.ReadLine() is { } line ? JsonSerializer.Deserialize(line, PolicyProtocolJson.Default.PolicyVerdict) : null, Console.Out);
