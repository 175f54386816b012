using Orchestrator.Plans;

namespace Orchestrator.Targets.Local.Tests;

/// <summary>The local host's files: the durable file and the journal, and which one a restart believes (issue 5).</summary>
public sealed class LocalEndpointStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"local-store-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task LoadAsync_JournalNewerThanFile_ReturnsTheJournaledSplit()
    {
        var store = new LocalEndpointStore(_directory);
        await store.SaveAsync(State(1, blue: 90));

        store.Journal.Write(State(2, blue: 100));

        var loaded = await store.LoadAsync();
        Assert.Equal(2, loaded.Sequence);
        Assert.Equal(100, loaded.Endpoints[0].Traffic["blue"]);
    }

    [Fact]
    public async Task LoadAsync_JournalOlderThanFile_ReturnsTheFile()
    {
        var store = new LocalEndpointStore(_directory);
        store.Journal.Write(State(4, blue: 90));

        await store.SaveAsync(State(5, blue: 100));

        Assert.Equal(100, (await store.LoadAsync()).Endpoints[0].Traffic["blue"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(60)]
    public async Task LoadAsync_TornJournal_ReturnsTheFile(int keptBytes)
    {
        var store = new LocalEndpointStore(_directory);
        await store.SaveAsync(State(1, blue: 90));
        store.Journal.Write(State(2, blue: 100));

        // A power loss mid-write: only the first bytes of the record reached the disk.
        var bytes = await File.ReadAllBytesAsync(store.Journal.Paths[0]);
        await File.WriteAllBytesAsync(store.Journal.Paths[0], bytes[..keptBytes]);

        Assert.Equal(90, (await store.LoadAsync()).Endpoints[0].Traffic["blue"]);
    }

    [Fact]
    public async Task LoadAsync_JournalWithAFlippedByte_ReturnsTheFile()
    {
        var store = new LocalEndpointStore(_directory);
        await store.SaveAsync(State(1, blue: 90));
        store.Journal.Write(State(2, blue: 100));
        var bytes = await File.ReadAllBytesAsync(store.Journal.Paths[0]);
        bytes[^3] ^= 0x20;
        await File.WriteAllBytesAsync(store.Journal.Paths[0], bytes);

        Assert.Equal(1, (await store.LoadAsync()).Sequence);
    }

    [Fact]
    public async Task LoadAsync_NewestJournalRecordTorn_ReturnsTheStateAcknowledgedBeforeIt()
    {
        var store = new LocalEndpointStore(_directory);
        await store.SaveAsync(State(1, blue: 90));
        store.Journal.Write(State(2, blue: 100));
        store.Journal.Write(State(3, blue: 80));

        // The host killed inside the write of state 3, before it was acknowledged: state 2 must survive.
        var bytes = await File.ReadAllBytesAsync(store.Journal.Paths[1]);
        await File.WriteAllBytesAsync(store.Journal.Paths[1], bytes[..(bytes.Length / 2)]);

        var loaded = await store.LoadAsync();
        Assert.Equal(2, loaded.Sequence);
        Assert.Equal(100, loaded.Endpoints[0].Traffic["blue"]);
    }

    [Fact]
    public async Task Write_ShorterRecordOverALongerOne_ReadsTheShorterOne()
    {
        var store = new LocalEndpointStore(_directory);
        store.Journal.Write(State(2, blue: 90, endpoints: 5));

        store.Journal.Write(State(4, blue: 100, endpoints: 1));

        var loaded = await store.Journal.ReadAsync();
        Assert.Equal(4, loaded!.Sequence);
        Assert.Single(loaded.Endpoints);
        Assert.False(File.Exists(store.Journal.Paths[1]), "both states have even sequence numbers: one file");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Journal.Paths[0]));
        }
    }

    [Fact]
    public async Task LoadAsync_FileWrittenBeforeSequences_ReadsAsSequenceZero()
    {
        Directory.CreateDirectory(_directory);
        var store = new LocalEndpointStore(_directory);
        await File.WriteAllTextAsync(store.Path, """{"version": 1, "endpoints": []}""");

        var loaded = await store.LoadAsync();

        Assert.Equal(0, loaded.Sequence);
        Assert.Empty(loaded.Endpoints);
    }

    private static LocalHostRecord State(long sequence, int blue, int endpoints = 1) =>
        new(
            LocalHostRecord.CurrentVersion,
            [
                .. Enumerable.Range(0, endpoints).Select(i => new EndpointRecord(
                    $"ep-{i}",
                    EndpointCompute.Managed,
                    40000 + i,
                    "primary",
                    "secondary",
                    blue == 100 ? new Dictionary<string, int> { ["blue"] = 100 } : new Dictionary<string, int> { ["blue"] = blue, ["green"] = 100 - blue },
                    new Dictionary<string, int>(),
                    [])),
            ],
            sequence);
}
