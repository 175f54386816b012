using System.Diagnostics;
using Xunit.Sdk;

namespace EndToEnd.Tests.Support;

/// <summary>Waits on a condition outside the API (processes, files) with a generous deadline.</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, string description, Func<Task<string>> explain, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TimeSpan.FromSeconds(60);
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > limit)
            {
                throw new XunitException($"timed out after {limit.TotalSeconds:0} s waiting until {description}\n{await explain()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
