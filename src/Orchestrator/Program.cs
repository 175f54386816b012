using System.CommandLine;
using Orchestrator.Cli;
using Orchestrator.Cli.Client;

namespace Orchestrator;

/// <summary>The orchestrator's command line (verbs are added per feature).</summary>
public static partial class Program
{
    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the command line with the given writers, so tests can call it in-process.</summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, CliContext.System, cancellationToken);

    /// <summary>Runs the command line with the given writers, clock and environment variables.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        // Verbs handle interruption themselves: hosts through their console lifetime, run and demo by aborting the
        // rollout and waiting for its rollback, which a fixed grace period before a forced exit would cut short.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            var parsed = CreateRootCommand(context).Parse(args);
            var exitCode = await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);

            // A command line that does not parse is bad input, like a bad plan: the same exit code for both.
            return parsed.Errors.Count > 0 ? ExitCodes.InvalidInput : exitCode;
        }
        catch (Exception ex) when (StartupRefusal.Describe(ex) is { } reason)
        {
            await error.WriteLineAsync($"error: {reason}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Users get one line, never a stack trace; a verb that gets here has a bug, so say so.
            await error.WriteLineAsync($"error: {ex.Message} ({ex.GetType().Name}; this is a bug, please report it)").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The root command: one line per verb, each verb in its own file under Cli/.</summary>
    internal static RootCommand CreateRootCommand(CliContext? context = null) => new("Progressive delivery for ML online endpoints: blue → green with gates and automatic rollback.")
    {
        ValidateCommand.Create(),
        RunCommand.Create(),
        DemoCommand.Create(),
        ServeCommand.Create(),
        WorkerCommand.Create(),
        RolloutsCommand.Create(context ?? CliContext.System),
    };
}
