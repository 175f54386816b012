using System.Collections.Frozen;
using Orchestrator.Endpoints;

namespace Orchestrator.Targets.Local;

/// <summary>
/// An endpoint's routing at one moment: the traffic split and the deployments it names. The endpoint swaps the
/// whole table in one reference write, which is what makes a traffic+mirror update atomic for the data plane.
/// The live choice is a smooth weighted round robin (nginx's): every run of 100 requests follows the percentages
/// exactly, interleaved; the mirror choice copies exactly <c>percent</c> of every 100 live requests.
/// </summary>
internal sealed class RoutingTable
{
    private readonly Lock _lock = new();
    private readonly FrozenDictionary<string, LocalDeployment> _deployments;
    private readonly LocalDeployment[] _live;
    private readonly int[] _weights;
    private readonly int[] _current;
    private readonly int _total;
    private readonly LocalDeployment? _mirror;
    private readonly int _mirrorPercent;
    private int _mirrorCredit;

    public RoutingTable(TrafficSplit split, IEnumerable<LocalDeployment> deployments)
    {
        Split = split;
        _deployments = deployments.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var live = split.Live.Where(e => e.Value > 0 && _deployments.ContainsKey(e.Key)).ToArray();
        _live = [.. live.Select(e => _deployments[e.Key])];
        _weights = [.. live.Select(e => e.Value)];
        _current = new int[_live.Length];
        _total = _weights.Sum();
        var mirror = split.Mirror.FirstOrDefault(e => e.Value > 0 && _deployments.ContainsKey(e.Key));
        _mirror = mirror.Key is null ? null : _deployments[mirror.Key];
        _mirrorPercent = mirror.Value;
    }

    /// <summary>No deployments, no traffic.</summary>
    public static RoutingTable Empty { get; } = new(TrafficSplit.Empty, []);

    public TrafficSplit Split { get; }

    public IEnumerable<LocalDeployment> Deployments => _deployments.Values;

    /// <summary>A deployment by name (case-insensitive), whatever its traffic: for pinned requests.</summary>
    public LocalDeployment? Find(string name) => _deployments.GetValueOrDefault(name);

    /// <summary>The deployment that serves the next live request; null when no deployment has positive weight.</summary>
    public LocalDeployment? ChooseLive()
    {
        if (_live.Length == 0)
        {
            return null;
        }

        lock (_lock)
        {
            var best = 0;
            for (var i = 0; i < _live.Length; i++)
            {
                _current[i] += _weights[i];
                if (_current[i] > _current[best])
                {
                    best = i;
                }
            }

            _current[best] -= _total;
            return _live[best];
        }
    }

    /// <summary>The shadow deployment when this live request is one to copy; null otherwise.</summary>
    public LocalDeployment? ChooseMirror()
    {
        if (_mirror is null)
        {
            return null;
        }

        lock (_lock)
        {
            _mirrorCredit += _mirrorPercent;
            if (_mirrorCredit < 100)
            {
                return null;
            }

            _mirrorCredit -= 100;
            return _mirror;
        }
    }

    /// <summary>The same deployments under another split.</summary>
    public RoutingTable With(TrafficSplit split) => new(split, _deployments.Values);

    /// <summary>The same split over another set of deployments.</summary>
    public RoutingTable With(IEnumerable<LocalDeployment> deployments) => new(Split, deployments);
}
