using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Dispatching;
using Orchestrator.Features.Rollouts.ListRollouts;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Api.Tests;

/// <summary>The one exception → problem mapping.</summary>
public sealed class ProblemDetailsExceptionHandlerTests
{
    [Fact]
    public void ToProblem_ValidationWithThreeFields_ListsEachFieldWithItsReasons()
    {
        var problem = ProblemDetailsExceptionHandler.ToProblem(new CommandValidationException(
        [
            new ValidationFailure("steps[0].mirror.percent", "60 exceeds the 50% mirror limit"),
            new ValidationFailure("candidate.name", "must differ from the baseline"),
            new ValidationFailure("candidate.spec.instance_count", "must be at least 1"),
            new ValidationFailure("candidate.name", "must be a valid deployment name"),
        ]));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Equal(400, validation.Status);
        Assert.Equal(["steps[0].mirror.percent", "candidate.name", "candidate.spec.instance_count"], validation.Errors.Keys);
        Assert.Equal(2, validation.Errors["candidate.name"].Length);
        Assert.Equal("3 fields are invalid.", validation.Detail);
    }

    [Fact]
    public void ToProblem_RefusedTransition_Is409NamingStateAndTrigger()
    {
        var problem = ProblemDetailsExceptionHandler.ToProblem(new InvalidRolloutTransitionException(RolloutPhase.Succeeded, RolloutTrigger.Abort));

        Assert.Equal(409, problem.Status);
        Assert.Contains("Succeeded", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("Abort", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("Succeeded", problem.Extensions["state"]);
    }

    [Fact]
    public void ToProblem_BusyEndpoint_Is409WithTheActiveRolloutId()
    {
        var active = Guid.NewGuid();

        var problem = ProblemDetailsExceptionHandler.ToProblem(new ActiveRolloutConflictException("local/my-endpoint", active));

        Assert.Equal(409, problem.Status);
        Assert.Contains(active.ToString(), problem.Detail, StringComparison.Ordinal);
        Assert.Equal(active, problem.Extensions["activeRolloutId"]);
        Assert.Equal("local/my-endpoint", problem.Extensions["endpointKey"]);
    }

    [Theory]
    [InlineData(typeof(CommandForbiddenException), 403)]
    [InlineData(typeof(RolloutNotFoundException), 404)]
    [InlineData(typeof(ConcurrencyConflictException), 409)]
    [InlineData(typeof(InvalidOperationException), 500)]
    [InlineData(typeof(NullReferenceException), 500)]
    public void ToProblem_ExceptionType_MapsToItsStatus(Type exceptionType, int status)
    {
        var problem = ProblemDetailsExceptionHandler.ToProblem((Exception)Activator.CreateInstance(exceptionType, "internal detail")!);

        Assert.Equal(status, problem.Status);
        if (status == 500)
        {
            Assert.DoesNotContain("internal detail", problem.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnexpectedException_OverHttp_Returns500ProblemWithoutStackTraceAndLogsIt()
    {
        await using var host = await ApiTestHost.StartAsync(new ApiTestHostOptions(
            Services: services => services.AddSingleton<ICommandHandler<ListRolloutsQuery, RolloutList>, ThrowingListHandler>()));

        using var response = await host.Client(host.AdminKey).GetAsync(new Uri("/api/v1/rollouts", UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = problem.ToString();
        Assert.DoesNotContain("secret connection detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowingListHandler), text, StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("traceId", out _), "the trace id lets an operator find the logged error");
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 5010 && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        await using var host = await ApiTestHost.StartAsync();

        using var response = await host.Client(host.AdminKey).GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private sealed class ThrowingListHandler : ICommandHandler<ListRolloutsQuery, RolloutList>
    {
        public Task<RolloutList> HandleAsync(ListRolloutsQuery command, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("secret connection detail");
    }
}
