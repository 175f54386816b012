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
    private const int MinTraffic = 1;

    // Past a few hundred requests/s the one-timer pacing of the driver no longer keeps the rate; a gate needs far less.
    private const int MaxTraffic = 200;

    public static Command Create()
    {
        var plan = new Argument<FileInfo>("plan") { Description = "The rollout plan (YAML or JSON)." };
        var policies = CliOptions.Policies();
        var data = CliOptions.Data();
        var json = new Option<bool>("--json") { Description = "Print the final summary as one JSON object on stdout (progress goes to stderr)." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the service's own log lines." };
        var traffic = TrafficOption();
        var command = new Command("run", "Carry one rollout out in the foreground and exit 0 when it succeeded, 1 when it rolled back, 2 on invalid input.")
        {
            plan, policies, data, json, verbose, traffic,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetRequiredValue(plan),
            result.GetRequiredValue(policies),
            result.GetRequiredValue(data),
            result.GetValue(json),
            result.GetValue(verbose),
            result.GetValue(traffic),
            result.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, DirectoryInfo policies, DirectoryInfo data, bool json, bool verbose, int? traffic, InvocationConfiguration console, CancellationToken cancellationToken)
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

        if (traffic is not null && parsed.Plan!.Target.Kind != TargetKind.Local)
        {
            await error.WriteLineAsync("error: --traffic drives the embedded local endpoint only; on Azure ML the endpoint's own traffic feeds the gates");
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
            var progress = json ? error : output;
            var rollout = new ForegroundRollout(host.Services, progress);
            await using var local = parsed.Plan!.Target.Kind == TargetKind.Local ? new LocalRunTraffic(host.Services, parsed.Plan, traffic, progress) : null;
            if (local is not null)
            {
                if (traffic is not null)
                {
                    await progress.WriteLineAsync($"sending {traffic} requests/s to endpoint '{parsed.Plan.Target.Endpoint}' once it serves (body: {LocalRunTraffic.BodySource(parsed.Plan)})");
                }

                local.Attach(rollout);
            }

            var summary = await rollout.RunAsync(text, actor, cancellationToken);
            if (local is not null)
            {
                summary = await local.CompleteAsync(summary, CancellationToken.None);
            }

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

    private static Option<int?> TrafficOption()
    {
        var traffic = new Option<int?>("--traffic")
        {
            Description = $"Local target only: send this many scoring requests per second ({MinTraffic}–{MaxTraffic}) to the endpoint during the rollout, so its gates have data. " +
                "The body is the plan's smoke-test request file when it has one, else samples/sample-request.json.",
            HelpName = "requests/s",
            CustomParser = result =>
            {
                // The range is checked here rather than in a validator, which would throw reading a value that did not parse.
                var value = CliOptions.WholeNumber(result);
                if (value is < MinTraffic or > MaxTraffic)
                {
                    result.AddError($"--traffic: {value} requests/s is outside {MinTraffic}–{MaxTraffic}");
                }

                return value;
            },
        };
        return traffic;
    }
}
