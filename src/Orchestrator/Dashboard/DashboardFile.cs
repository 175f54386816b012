namespace Orchestrator.Dashboard;

/// <summary>One embedded dashboard file.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">Its media type (with charset for text).</param>
/// <param name="ETag">A strong entity tag from the content's hash, so browsers revalidate cheaply.</param>
internal sealed record DashboardFile(byte[] Content, string ContentType, string ETag);
