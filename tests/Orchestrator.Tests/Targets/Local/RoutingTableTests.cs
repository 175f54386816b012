using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Endpoints;
using Orchestrator.Plans;

namespace Orchestrator.Targets.Local.Tests;

public sealed class RoutingTableTests : IDisposable
{
    private readonly LocalHostContext _context = new(new LocalEndpointHostOptions(), TimeProvider.System, NullLoggerFactory.Instance);

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData(90, 10, 0)]
    [InlineData(50, 50, 0)]
    [InlineData(33, 33, 34)]
    [InlineData(1, 0, 99)]
    public void ChooseLive_AnyRunOfHundredRequests_FollowsThePercentagesExactly(int blue, int green, int red)
    {
        var table = new RoutingTable(TrafficSplit.Create([new("blue", blue), new("green", green), new("red", red)]), Deployments("blue", "green", "red"));

        for (var run = 0; run < 5; run++)
        {
            var chosen = Enumerable.Range(0, 100).Select(_ => table.ChooseLive()!.Name).ToList();
            Assert.Equal((blue, green, red), (chosen.Count(c => c == "blue"), chosen.Count(c => c == "green"), chosen.Count(c => c == "red")));
        }
    }

    [Fact]
    public void ChooseLive_NinetyTen_InterleavesTheMinority()
    {
        var table = new RoutingTable(TrafficSplit.Create([new("blue", 90), new("green", 10)]), Deployments("blue", "green"));

        var chosen = Enumerable.Range(0, 100).Select(_ => table.ChooseLive()!.Name).ToList();

        var greens = chosen.Select((name, index) => (name, index)).Where(c => c.name == "green").Select(c => c.index).ToList();
        Assert.All(greens.Zip(greens.Skip(1)), pair => Assert.Equal(10, pair.Second - pair.First));
    }

    [Fact]
    public void ChooseLive_NoLiveTraffic_ReturnsNull()
    {
        var table = new RoutingTable(TrafficSplit.Create([], [new("green", 10)]), Deployments("blue", "green"));

        Assert.Null(table.ChooseLive());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(33)]
    [InlineData(50)]
    public void ChooseMirror_Percent_CopiesExactlyThatManyOfEveryHundred(int percent)
    {
        var table = new RoutingTable(TrafficSplit.Create([new("blue", 100)], [new("green", percent)]), Deployments("blue", "green"));

        var copies = Enumerable.Range(0, 1000).Count(_ => table.ChooseMirror() is { Name: "green" });

        Assert.Equal(percent * 10, copies);
    }

    [Fact]
    public void ChooseMirror_NoMirror_ReturnsNull()
    {
        var table = new RoutingTable(TrafficSplit.AllTo("blue"), Deployments("blue"));

        Assert.Null(table.ChooseMirror());
    }

    [Fact]
    public void Find_AnyCase_FindsTheDeploymentWhateverItsTraffic()
    {
        var table = new RoutingTable(TrafficSplit.AllTo("blue"), Deployments("blue", "Green"));

        Assert.Equal("Green", table.Find("GREEN")?.Name);
        Assert.Null(table.Find("red"));
    }

    private List<LocalDeployment> Deployments(params string[] names) =>
        [.. names.Select(n => new LocalDeployment(_context, "endpoint", n, DeploymentSpec.ForModel("model.json"), FaultInjection.None, ProvisioningState.Succeeded))];
}
