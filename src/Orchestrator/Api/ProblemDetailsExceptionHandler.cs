using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Dispatching;
using Orchestrator.Persistence;
using Orchestrator.Rollouts;

namespace Orchestrator.Api;

/// <summary>
/// Every exception that leaves an endpoint becomes an RFC 9457 problem here, and only here: bad input is 400/413/415,
/// a refused role 403, an unknown rollout 404, a conflict with the rollout's state 409, anything else 500 without a
/// stack trace.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problems,
    ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        var problem = ToProblem(exception);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            Log.UnhandledException(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (exception is BadHttpRequestException)
        {
            Log.BadRequest(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    /// <summary>The problem an exception stands for.</summary>
    internal static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        CommandValidationException validation when validation.Failures.Count > 0 =>
            ApiProblems.Validation(validation.Failures.Select(f => KeyValuePair.Create(f.Field, f.Message))),
        CommandValidationException validation =>
            ApiProblems.Create(StatusCodes.Status400BadRequest, validation.Message),
        BadHttpRequestException bad => RequestBindingProblem.From(bad) ?? ApiProblems.Create(bad.StatusCode, DetailOf(bad)),
        CommandForbiddenException forbidden => ApiProblems.Create(StatusCodes.Status403Forbidden, forbidden.Message),
        RolloutNotFoundException notFound => ApiProblems.Create(
            StatusCodes.Status404NotFound,
            notFound.Message,
            new Dictionary<string, object?> { ["rolloutId"] = notFound.RolloutId }),
        InvalidRolloutTransitionException refused => ApiProblems.Create(
            StatusCodes.Status409Conflict,
            $"{refused.Message}.",
            new Dictionary<string, object?> { ["state"] = refused.State.ToString(), ["trigger"] = refused.Trigger.ToString() }),
        ActiveRolloutConflictException busy => ApiProblems.Create(
            StatusCodes.Status409Conflict,
            $"The endpoint {busy.EndpointKey} is busy: rollout {busy.ActiveRolloutId} is still active. Wait for it to finish, or abort it.",
            new Dictionary<string, object?> { ["activeRolloutId"] = busy.ActiveRolloutId, ["endpointKey"] = busy.EndpointKey }),
        ConcurrencyConflictException => ApiProblems.Create(
            StatusCodes.Status409Conflict,
            "The rollout changed while the request was applied; read it again and retry."),
        _ => ApiProblems.Create(
            StatusCodes.Status500InternalServerError,
            "The service failed to handle the request; the error is in its log under this trace id."),
    };

    private static string DetailOf(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.UnhandledException, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
        public static partial void UnhandledException(ILogger logger, Exception exception, string method, PathString path);

        [LoggerMessage(EventId = EventIds.BadRequest, Level = LogLevel.Information, Message = "Bad request on {Method} {Path}: {Detail}")]
        public static partial void BadRequest(ILogger logger, string method, PathString path, string detail);
    }
}
