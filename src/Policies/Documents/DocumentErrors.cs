namespace Policies.Documents;

/// <summary>Collects every problem of a document, so the user sees them all at once.</summary>
public sealed class DocumentErrors
{
    private readonly List<DocumentError> _errors = [];

    /// <summary>The errors, in the order they were found.</summary>
    public IReadOnlyList<DocumentError> All => _errors;

    /// <summary>How many errors were found.</summary>
    public int Count => _errors.Count;

    /// <summary>Adds an error; an empty path stands for the whole document.</summary>
    public void Add(string path, string message) =>
        _errors.Add(new(path.Length == 0 ? DocumentPath.Root : path, message));
}
