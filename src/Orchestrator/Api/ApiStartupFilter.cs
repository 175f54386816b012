namespace Orchestrator.Api;

/// <summary>
/// Puts the problem-details middleware at the front of the pipeline, so the service's composition needs only
/// <c>AddRolloutApi</c> and <c>MapRolloutApi</c>: exceptions go to <see cref="ProblemDetailsExceptionHandler"/>, and
/// bodiless error statuses (an unknown route, a wrong method) get a problem body too.
/// </summary>
internal sealed class ApiStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        next(app);
    };
}
