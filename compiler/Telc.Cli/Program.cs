using System.Text;
using Telc.Cli;

var color = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);

// Console.Out flushes on every write, one system call each; a report of thousands of findings is written in blocks.
await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
var context = new CliContext(output, Console.Error, Environment.CurrentDirectory, color, environment, Console.In);
return await TelcApp.RunAsync(args, context);
