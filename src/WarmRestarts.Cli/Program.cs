using WarmRestarts.Cli;

var streams = CliStreams.ForProcess();
var exitCode = CliApp.Create(streams).Run(args);
return streams.Finish(exitCode);
