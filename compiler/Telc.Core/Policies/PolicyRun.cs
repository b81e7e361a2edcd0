namespace Telc.Policies;

/// <summary>
/// Policies started on a spec that telc is still checking (<see cref="PolicyRunner.Start"/>): its first worker compiles
/// the policies and rebuilds the model meanwhile. Disposing it stops a worker that <see cref="Finish"/> never took.
/// </summary>
public sealed class PolicyRun : IDisposable
{
    private (WorkerProcess? Worker, string? Failure)? first;

    /// <param name="first">The first worker, or why it did not start; null when there is nothing to start.</param>
    internal PolicyRun(PolicyRequest request, PolicyWorkerSettings settings, (WorkerProcess? Worker, string? Failure)? first)
    {
        Request = request;
        Settings = settings;
        this.first = first;
    }

    internal PolicyRequest Request { get; }

    internal PolicyWorkerSettings Settings { get; }

    /// <summary>What the policies report on the checked spec: the compilation of the same sources the run was started on.</summary>
    public PolicyRunner.Result Finish(Compilation compilation) => PolicyRunner.Finish(this, compilation);

    /// <summary>The first worker, handed over once: the caller disposes it.</summary>
    internal (WorkerProcess? Worker, string? Failure)? TakeFirst()
    {
        var taken = first;
        first = null;
        return taken;
    }

    public void Dispose() => TakeFirst()?.Worker?.Dispose();
}
