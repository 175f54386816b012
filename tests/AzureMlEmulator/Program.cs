using System.Globalization;
using System.Runtime.InteropServices;
using AzureMlEmulator;

// `dotnet run --project tests/AzureMlEmulator [-- --port 8443 --retry-after-ms 200 --lro-polls 2 --pem /tmp/emulator-ca.pem --seed sub/rg/ws/ep1=blue --load ep1=5 --base-latency-ms 20]`
// serves the emulator until Ctrl+C and prints its URL and the CA file to trust.
var options = new EmulatorOptions();
var pem = Path.Combine(Path.GetTempPath(), "azureml-emulator-ca.pem");
var loads = new List<(string Endpoint, double Rate)>();
var seeds = new List<(string[] Path, string Deployment)>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--retry-after-ms":
            options.RetryAfter = TimeSpan.FromMilliseconds(double.Parse(value, CultureInfo.InvariantCulture));
            break;
        case "--lro-polls":
            options.LroPolls = int.Parse(value, CultureInfo.InvariantCulture);
            break;
        case "--pem":
            pem = value;
            break;
        case "--load":
            // endpoint=rps, e.g. --load ep1=5: the emulator scores that many requests a second on the endpoint itself.
            var parts = value.Split('=');
            loads.Add((parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture)));
            break;
        case "--seed":
            // subscription/resourceGroup/workspace/endpoint=deployment: an existing endpoint with that deployment at 100%.
            var (path, deployment) = (value.Split('=')[0].Split('/'), value.Split('=')[1]);
            seeds.Add((path, deployment));
            break;
        case "--base-latency-ms":
            options.BaseLatency = TimeSpan.FromMilliseconds(double.Parse(value, CultureInfo.InvariantCulture));
            break;
        case "--location":
            options.Location = value;
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; known: --port, --retry-after-ms, --lro-polls, --pem, --load, --seed, --base-latency-ms, --location");
            return 2;
    }
}

await using var host = await EmulatorHost.StartAsync(options);
host.WriteCaCertificate(pem);
var tokenFile = Path.ChangeExtension(pem, ".token");
File.WriteAllText(tokenFile, "emulator-token");
foreach (var (path, deployment) in seeds)
{
    host.SeedEndpoint(path[0], path[1], path[2], path[3], new Dictionary<string, int> { [deployment] = 100 });
}

foreach (var (endpoint, rate) in loads)
{
    host.Knobs.SetLoad(endpoint, rate);
}

Console.WriteLine($"Azure ML emulator listening on {host.BaseUrl}");
Console.WriteLine($"CA certificate (PEM): {pem}");
Console.WriteLine($"Configure: AzureMl__ArmEndpoint={host.BaseUrl} AzureMl__TrustedCaCertificateFile={pem} AzureMl__AccessTokenFile={tokenFile}");
Console.WriteLine("Control API: GET /_emulator/requests, GET /_emulator/scoring, POST /_emulator/knobs, POST /_emulator/endpoints. Ctrl+C stops.");

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
