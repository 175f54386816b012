namespace Policies.Documents.Tests;

public class DocumentParserTests
{
    [Fact]
    public void Parse_YamlAndJsonOfTheSameTree_GiveTheSameNodes()
    {
        const string yaml = """
            a: 1
            b: "text"
            c: ["x", {d: true}]
            e:
            """;
        const string json = """{"a": 1, "b": "text", "c": ["x", {"d": true}], "e": null}""";

        var fromYaml = Parse(yaml);
        var fromJson = Parse(json);

        Assert.Equal(Describe(fromYaml), Describe(fromJson));
    }

    [Fact]
    public void Parse_NestedNodes_CarryTheirFieldPaths()
    {
        var root = (DocumentNode.Mapping)Parse("steps:\n  - mirror: {percent: 10}\n", rootPath: "plan");

        var steps = (DocumentNode.Sequence)root["steps"]!;
        var mirror = (DocumentNode.Mapping)((DocumentNode.Mapping)steps.Items[0])["mirror"]!;

        Assert.Equal("plan.steps", steps.Path);
        Assert.Equal("plan.steps[0].mirror.percent", mirror["percent"]!.Path);
    }

    [Theory]
    [InlineData("a: 'quoted'", true)]
    [InlineData("a: \"quoted\"", true)]
    [InlineData("a: plain", false)]
    [InlineData("a: !!str 10", true)]
    [InlineData("a: |\n  block\n", true)]
    public void Parse_Scalars_KnowWhetherTheyWereQuoted(string yaml, bool quoted)
    {
        var scalar = (DocumentNode.Scalar)((DocumentNode.Mapping)Parse(yaml))["a"]!;

        Assert.Equal(quoted, scalar.IsQuoted);
    }

    [Fact]
    public void Parse_YamlSyntaxError_NamesTheLine()
    {
        var errors = new DocumentErrors();

        var node = DocumentParser.Parse("a: 1\nb:\n  c: 2\n d: 3\n", string.Empty, errors);

        Assert.Null(node);
        var error = Assert.Single(errors.All);
        Assert.Equal(DocumentPath.Root, error.Path);
        Assert.StartsWith("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InputThatTripsTheYamlScanner_IsAnErrorNotACrash()
    {
        var errors = new DocumentErrors();

        Assert.Null(DocumentParser.Parse("a: 1\nb: [1, 2\nc: 3\n", string.Empty, errors));
        Assert.Single(errors.All);
    }

    [Fact]
    public void Parse_BrokenJson_ReportsTheJsonError()
    {
        var errors = new DocumentErrors();

        var node = DocumentParser.Parse("{\"a\": 1,\n \"b\": }", string.Empty, errors);

        Assert.Null(node);
        Assert.StartsWith("line 2", Assert.Single(errors.All).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("{\"a\": 1, \"a\": 2}")]
    public void Parse_DuplicateField_IsAnError(string text)
    {
        var errors = new DocumentErrors();

        DocumentParser.Parse(text, string.Empty, errors);

        Assert.NotEqual(0, errors.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    public void Parse_NoneOrSeveralDocuments_IsAnError(string text)
    {
        var errors = new DocumentErrors();

        Assert.Null(DocumentParser.Parse(text, string.Empty, errors));
        Assert.Single(errors.All);
    }

    [Fact]
    public void Parse_AliasBomb_IsRefusedInsteadOfExpanded()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]");
        }

        var errors = new DocumentErrors();

        Assert.Null(DocumentParser.Parse(string.Join('\n', lines), string.Empty, errors));
        Assert.Contains("more than", Assert.Single(errors.All).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlFlowMappingThatIsNotJson_IsReadAsYaml()
    {
        var root = (DocumentNode.Mapping)Parse("{a: 1, b: [x]}");

        Assert.Equal("1", ((DocumentNode.Scalar)root["a"]!).Value);
    }

    private static DocumentNode Parse(string text, string rootPath = "")
    {
        var errors = new DocumentErrors();
        var node = DocumentParser.Parse(text, rootPath, errors);
        Assert.Empty(errors.All);
        return node!;
    }

    private static string Describe(DocumentNode node) => node switch
    {
        DocumentNode.Mapping m => "{" + string.Join(",", m.Entries.Select(e => $"{e.Key}:{Describe(e.Value)}")) + "}",
        DocumentNode.Sequence s => "[" + string.Join(",", s.Items.Select(Describe)) + "]",
        DocumentNode.Scalar { IsNull: true } => "null",
        DocumentNode.Scalar s => (s.IsQuoted ? "q:" : "p:") + s.Value,
        _ => "?",
    };
}
