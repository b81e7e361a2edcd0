using Telc.Cli;

var color = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
var context = new CliContext(Console.Out, Console.Error, Environment.CurrentDirectory, color, environment, Console.In);
return await TelcApp.RunAsync(args, context);
