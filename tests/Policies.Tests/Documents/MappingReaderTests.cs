namespace Policies.Documents.Tests;

public class MappingReaderTests
{
    [Fact]
    public void Finish_FieldsNobodyAskedFor_AreEachReportedWithTheKnownOnes()
    {
        var (reader, errors) = Open("a: 1\nzzz: 2\nyyy: 3\n");

        reader.WholeNumber("a");
        reader.Finish();

        Assert.Equal(["zzz", "yyy"], errors.All.Select(e => e.Path));
        Assert.All(errors.All, e => Assert.Equal("unknown field; expected one of: a", e.Message));
    }

    [Theory]
    [InlineData("instanceCount", "instance_count")]
    [InlineData("Percent", "percent")]
    [InlineData("resource_group", "resourceGroup")]
    public void Finish_MisspelledField_SuggestsTheKnownSpelling(string written, string known)
    {
        var (reader, errors) = Open($"{written}: 1");

        reader.WholeNumber(known);
        reader.Finish();

        Assert.Equal($"unknown field; did you mean '{known}'?", Assert.Single(errors.All).Message);
    }

    [Fact]
    public void Read_MissingRequiredFields_AreEachReported()
    {
        var (reader, errors) = Open("other: 1");

        reader.Text("name", required: true);
        reader.Duration("window", required: true);
        reader.WholeNumber("other");
        reader.Finish();

        Assert.Equal(["name: is required", "window: is required"], errors.All.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("v: '10'", "expected a whole number, got the text \"10\"")]
    [InlineData("v: 10.5", "expected a whole number, got '10.5'")]
    [InlineData("v: [1]", "expected a whole number, got a list")]
    [InlineData("v: 99999999999", "99999999999 is out of range")]
    public void WholeNumber_NotAWholeNumber_SaysWhatItGot(string yaml, string message)
    {
        var (reader, errors) = Open(yaml);

        Assert.Null(reader.WholeNumber("v"));
        Assert.Equal(message, Assert.Single(errors.All).Message);
    }

    [Theory]
    [InlineData("v: true", true)]
    [InlineData("v: False", false)]
    public void Flag_TrueOrFalse_IsRead(string yaml, bool expected)
    {
        var (reader, errors) = Open(yaml);

        Assert.Equal(expected, reader.Flag("v"));
        Assert.Empty(errors.All);
    }

    [Theory]
    [InlineData("v: yes")]
    [InlineData("v: 'true'")]
    [InlineData("v: 1")]
    public void Flag_YamlOneOneSpellingsOrText_AreRefused(string yaml)
    {
        var (reader, errors) = Open(yaml);

        Assert.Null(reader.Flag("v"));
        Assert.StartsWith("expected true or false", Assert.Single(errors.All).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v: .inf")]
    [InlineData("v: abc")]
    [InlineData("v: '1.5'")]
    public void Number_NotAFiniteNumber_IsRefused(string yaml)
    {
        var (reader, errors) = Open(yaml);

        Assert.Null(reader.Number("v"));
        Assert.Single(errors.All);
    }

    [Fact]
    public void Duration_BadDuration_NamesTheFieldAndTheGrammar()
    {
        var (reader, errors) = Open("bake: 10minutes");

        Assert.Null(reader.Duration("bake"));
        Assert.Equal("bake: '10minutes' is not a duration: write e.g. 30s, 10m, 1h, 500ms or 1h30m", Assert.Single(errors.All).ToString());
    }

    [Fact]
    public void Open_NullValue_ReadsAsAnEmptyMapping()
    {
        var errors = new DocumentErrors();
        var root = (DocumentNode.Mapping)DocumentParser.Parse("deploy:", string.Empty, errors)!;

        var inner = MappingReader.Open(root["deploy"]!, errors);

        Assert.NotNull(inner);
        inner.Finish();
        Assert.Empty(errors.All);
    }

    [Fact]
    public void Mapping_NullValue_CountsAsAbsent()
    {
        var (reader, errors) = Open("gates:");

        Assert.Null(reader.Mapping("gates"));
        Assert.Null(reader.Mapping("other", required: true));
        Assert.Equal("other: is required", Assert.Single(errors.All).ToString());
    }

    [Fact]
    public void Open_NotAMapping_IsAnError()
    {
        var errors = new DocumentErrors();

        Assert.Null(MappingReader.Open(DocumentParser.Parse("[1, 2]", "x", errors)!, errors));
        Assert.Equal("x: expected a mapping, got a list", Assert.Single(errors.All).ToString());
    }

    private static (MappingReader Reader, DocumentErrors Errors) Open(string yaml)
    {
        var errors = new DocumentErrors();
        var node = DocumentParser.Parse(yaml, string.Empty, errors);
        Assert.Empty(errors.All);
        return (MappingReader.Open(node!, errors)!, errors);
    }
}
