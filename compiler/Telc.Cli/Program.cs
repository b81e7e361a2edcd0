using Telc.Cli;

var color = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
var context = new CliContext(Console.Out, Console.Error, Environment.CurrentDirectory, color);
return await TelcApp.RunAsync(args, context);
