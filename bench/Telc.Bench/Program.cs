using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Telc.Bench.ParseBenchmarks).Assembly).Run(args);
