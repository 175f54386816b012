using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Dispatching;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Plans;
using Orchestrator.Rollouts;

namespace Orchestrator.Cli;

/// <summary><c>run &lt;plan&gt;</c>: one rollout in the foreground, without the API — a CI pipeline step.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var plan = new Argument<FileInfo>("plan") { Description = "The rollout plan (YAML or JSON)." };
        var policies = CliOptions.Policies();
        var data = CliOptions.Data();
        var json = new Option<bool>("--json") { Description = "Print the final summary as one JSON object on stdout (progress goes to stderr)." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the service's own log lines." };
        var command = new Command("run", "Carry one rollout out in the foreground and exit 0 when it succeeded, 1 when it rolled back, 2 on invalid input.")
        {
            plan, policies, data, json, verbose,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetRequiredValue(plan),
            result.GetRequiredValue(policies),
            result.GetRequiredValue(data),
            result.GetValue(json),
            result.GetValue(verbose),
            result.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, DirectoryInfo policies, DirectoryInfo data, bool json, bool verbose, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var output = console.Output;
        var error = console.Error;
        if (!PlanFiles.TryRead(file, error, out var text))
        {
            return ExitCodes.InvalidInput;
        }

        // Refuse a bad plan before anything starts, with every problem listed.
        var parseOptions = new PlanParseOptions(file.DirectoryName ?? ".", policies.FullName);
        var parsed = PlanParser.Parse(text, parseOptions);
        if (!parsed.IsValid)
        {
            PlanFiles.PrintErrors(parsed.Errors, error);
            return ExitCodes.InvalidInput;
        }

        using var host = HeadlessNode.Build(new NodeSettings(data.FullName), verbose ? LogLevel.Information : LogLevel.Warning, (services, configuration) =>
        {
            services.Configure<PlanOptions>(o => (o.BaseDirectory, o.PoliciesDirectory) = (parseOptions.BaseDirectory, parseOptions.PoliciesDirectory));
            services.AddSingleton<IHostLifetime, CommandLineLifetime>();
            TargetRegistration.AddConfiguredTargets(services, configuration, parsed.Plan!.Target.Kind);
        });
        await host.StartAsync(CancellationToken.None);
        try
        {
            var actor = new Actor(Environment.UserName, ActorRole.ReleaseManager, CommandSource.Cli);
            var summary = await new ForegroundRollout(host.Services, json ? error : output).RunAsync(text, actor, cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(summary.ToJson());
            }
            else
            {
                summary.Print(output);
            }

            return summary.ExitCode;
        }
        catch (ActiveRolloutConflictException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (CommandValidationException e)
        {
            PlanFiles.PrintErrors([.. e.Failures.Select(f => new PlanError(f.Field, f.Message))], error);
            return ExitCodes.InvalidInput;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
