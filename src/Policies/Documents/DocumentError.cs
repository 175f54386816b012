namespace Policies.Documents;

/// <summary>One problem in a document: the field path and a plain reason.</summary>
/// <param name="Path">e.g. <c>gates[1].window</c>; <see cref="DocumentPath.Root"/> for the document as a whole.</param>
/// <param name="Message">e.g. <c>'2x' is not a duration: write 30s, 10m, 1h, 500ms or 1h30m</c>.</param>
public sealed record DocumentError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
