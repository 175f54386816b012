namespace Policies.Documents;

/// <summary>
/// A YAML or JSON document as a plain tree. Every node knows its field path (<c>steps[2].mirror.percent</c>),
/// so errors found long after parsing (for example after a policy merge) still name the field the user wrote.
/// </summary>
public abstract class DocumentNode
{
    private DocumentNode(string path)
    {
        Path = path;
    }

    /// <summary>The node's field path; empty for the root of a document read without a prefix.</summary>
    public string Path { get; }

    /// <summary>How the node is named in messages: <c>a mapping</c>, <c>a list</c>, <c>a value</c>, <c>null</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Key → value pairs in document order; keys are unique.</summary>
    /// <param name="path">The field path.</param>
    /// <param name="entries">The entries, in document order.</param>
    public sealed class Mapping(string path, IReadOnlyList<KeyValuePair<string, DocumentNode>> entries) : DocumentNode(path)
    {
        /// <summary>The entries, in document order.</summary>
        public IReadOnlyList<KeyValuePair<string, DocumentNode>> Entries { get; } = entries;

        /// <inheritdoc />
        public override string Description => "a mapping";

        /// <summary>The value of <paramref name="key"/>, or null when absent (keys compare ordinally).</summary>
        public DocumentNode? this[string key] =>
            Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal)).Value;
    }

    /// <summary>A list of nodes.</summary>
    /// <param name="path">The field path.</param>
    /// <param name="items">The items, in order.</param>
    public sealed class Sequence(string path, IReadOnlyList<DocumentNode> items) : DocumentNode(path)
    {
        /// <summary>The items, in order.</summary>
        public IReadOnlyList<DocumentNode> Items { get; } = items;

        /// <inheritdoc />
        public override string Description => "a list";
    }

    /// <summary>A single value, kept as text; typing happens when a reader asks for a type.</summary>
    /// <param name="path">The field path.</param>
    /// <param name="value">The text as written (without quotes).</param>
    /// <param name="isQuoted">True for quoted YAML scalars and JSON strings: they are text, never numbers or booleans.</param>
    public sealed class Scalar(string path, string value, bool isQuoted) : DocumentNode(path)
    {
        /// <summary>The text as written (without quotes).</summary>
        public string Value { get; } = value;

        /// <summary>True for quoted YAML scalars and JSON strings.</summary>
        public bool IsQuoted { get; } = isQuoted;

        /// <summary>True for an empty value, <c>~</c> or <c>null</c> (YAML's core schema) or a JSON null.</summary>
        public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

        /// <inheritdoc />
        public override string Description => IsNull ? "null" : IsQuoted ? $"the text \"{Value}\"" : $"'{Value}'";
    }
}
