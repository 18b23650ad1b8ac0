using WarmRestarts.Cli;
using WarmRestarts.TorchSharp;

// Before anything loads libtorch: OpenMP reads its wait policy once, from the C environment.
TorchEnvironment.PreferPassiveWaiting();
var streams = CliStreams.ForProcess();

// The first Ctrl+C cancels (train stops between batches and keeps its checkpoint); a second one ends the process.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupt.Cancel();
    }
};
var exitCode = CliApp.Create(streams).Run(args, interrupt.Token);
return streams.Finish(exitCode);
