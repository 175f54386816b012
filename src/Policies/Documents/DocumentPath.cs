namespace Policies.Documents;

/// <summary>Builds field paths the way users read them: <c>steps[2].mirror.percent</c>.</summary>
public static class DocumentPath
{
    /// <summary>The path shown for problems of the document as a whole.</summary>
    public const string Root = "(document)";

    /// <summary>The path of a field of a mapping.</summary>
    public static string Field(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    /// <summary>The path of an item of a list.</summary>
    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
