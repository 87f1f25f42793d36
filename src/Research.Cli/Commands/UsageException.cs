namespace Research.Cli.Commands;

/// <summary>The command line asks for something that does not exist (a model, a variant, a claim filter): exit code 2 (as a spec error: both are fixed by asking for something that exists), with the choices.</summary>
internal sealed class UsageException(string message) : Exception(message);
