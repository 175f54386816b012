using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Orchestrator.Dashboard;

/// <summary>
/// The dashboard's static files, embedded in this assembly (ADR-009) under the logical names <c>dashboard/&lt;path&gt;</c>,
/// read once: the service serves them from memory whatever its working or content folder.
/// </summary>
internal sealed class DashboardFiles
{
    private const string Prefix = "dashboard/";

    private readonly FrozenDictionary<string, DashboardFile> _files;

    private DashboardFiles(FrozenDictionary<string, DashboardFile> files)
    {
        _files = files;
    }

    /// <summary>The files embedded in the Orchestrator assembly.</summary>
    public static DashboardFiles Embedded { get; } = Load(typeof(DashboardFiles).Assembly);

    /// <summary>The relative paths served (<c>index.html</c>, <c>js/app.js</c>, ...).</summary>
    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>The file at a relative path, or null.</summary>
    public DashboardFile? Find(string path) => _files.GetValueOrDefault(path);

    private static DashboardFiles Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".svg"] = "image/svg+xml";
        var files = new Dictionary<string, DashboardFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // Built on Windows, %(RecursiveDir) carries backslashes; URLs use slashes.
            var logical = name.Replace('\\', '/');
            if (!logical.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = logical[Prefix.Length..];
            var contentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            files[path] = new DashboardFile(content, contentType, etag);
        }

        return new DashboardFiles(files.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
