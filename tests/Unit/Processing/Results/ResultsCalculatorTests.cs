using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.Results;
using static Conflicto.Tests.Unit.Processing.TestRows;

namespace Conflicto.Tests.Unit.Processing.Results;

public class ResultsCalculatorTests
{
    public static readonly TheoryData<string, string> Activities = new()
    {
        { "poll", """{"question": "q", "options": ["Red", "Green", "Blue"]}""" },
        { "poll", """{"question": "q", "options": ["Red", "Green", "Blue"], "allow_multiple": true}""" },
        { "word_cloud", """{"prompt": "p"}""" },
        { "qa", """{"topic": "t"}""" },
        { "qa", """{"topic": "t", "allow_anonymous": true}""" },
        { "planning_poker", """{"story": "s"}""" },
        { "custom_thing", """{"anything": 1}""" },
    };

    // Junk is mixed in on purpose: stored data can predate a configuration change.
    private static readonly string[] Junk =
    [
        "{}", "[]", "42", "\"text\"", "null", "true", "[1, [2, [3]]]", """{"a": {"b": {"c": [null, {}]}}}""",
        """{"option_index": "1"}""", """{"option_index": 99}""", """{"option_indices": [0, 0]}""", """{"option_indices": "0"}""",
        """{"option": ["Red"]}""", """{"word": {"nested": true}}""", """{"words": [[], {}, 1]}""", """{"question": null}""",
        """{"question": ["q"]}""", """{"upvote": 12}""", """{"upvote": "not-a-guid"}""", """{"value": {"v": 1}}""",
        """{"value": [1, 2]}""", """{"value": "NaN"}""", """{"value": 1e400}""",
        """{"option_index": 1e400}""", """{"option_indices": [1e400, -1]}""",
    ];

    private static readonly string[] Words = ["Agile", "agile", "AGILE", "lean", "Lean", "scrum", "kanban", "two  words", " spaced "];
    private static readonly string[] OptionTexts = ["red", "Green", " BLUE ", "Purple"];
    private static readonly string[] Cards = ["0", "1", "2", "3", "5", "8", "13", "21", "?", "coffee"];

    private static string RandomData(string type, Random random, IReadOnlyList<ResponseRow> questions)
    {
        if (random.Next(6) == 0) return Junk[random.Next(Junk.Length)];
        string Word() => JsonSerializer.Serialize(Words[random.Next(Words.Length)]);
        return type switch
        {
            "poll" => random.Next(3) switch
            {
                0 => $$"""{"option_index": {{random.Next(3)}}}""",
                1 => $$"""{"option": "{{OptionTexts[random.Next(OptionTexts.Length)]}}"}""",
                _ => $$"""{"option_indices": [{{string.Join(",", Enumerable.Range(0, 3).Where(_ => random.Next(2) == 0))}}]}""",
            },
            "word_cloud" => random.Next(2) == 0
                ? $$"""{"word": {{Word()}}}"""
                : $$"""{"words": [{{string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Word()))}}]}""",
            "qa" => questions.Count == 0 || random.Next(3) == 0
                ? $$"""{"question": "Question {{random.Next(5)}}?"}"""
                : $$"""{"upvote": "{{(random.Next(8) == 0 ? Guid.NewGuid() : questions[random.Next(questions.Count)].Id)}}"}""",
            "planning_poker" => random.Next(2) == 0
                ? $$"""{"value": "{{Cards[random.Next(Cards.Length)]}}"}"""
                : $$"""{"value": {{random.Next(14)}}}""",
            _ => $$"""{"mood": "{{(random.Next(2) == 0 ? "up" : "down")}}", "score": {{random.Next(4)}}, "flag": {{(random.Next(2) == 0 ? "true" : "[1]")}}}""",
        };
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public void Snapshot_AfterRandomAddsAndRemoves_EqualsComputingFromScratch(string type, string config)
    {
        var activity = Activity(type, config);
        foreach (var seed in (int[])[1, 2, 3, 4, 5])
        {
            var random = new Random(seed);
            var aggregator = ResultsCalculator.CreateAggregator(activity);
            var surviving = new List<ResponseRow>();
            for (var step = 0; step < 250; step++)
            {
                if (surviving.Count > 0 && random.Next(5) < 2)
                {
                    var removed = surviving[random.Next(surviving.Count)];
                    surviving.Remove(removed);
                    aggregator.Remove(removed);
                }
                else
                {
                    var questions = surviving.Where(r => ResponseData.String(r.ResponseData, "question") is not null).ToList();
                    var added = Response(RandomData(type, random, questions), participantId: random.Next(1, 6), second: step);
                    surviving.Add(added);
                    aggregator.Add(added);
                }
                var expected = Canonical(ResultsCalculator.Compute(activity, surviving));
                var actual = Canonical(aggregator.Snapshot());
                if (actual != expected) Assert.Fail($"seed {seed}, step {step}: incremental {actual} != from scratch {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public void AddThenRemove_ReturnsToThePreviousSnapshot(string type, string config)
    {
        var activity = Activity(type, config);
        var random = new Random(42);
        var aggregator = ResultsCalculator.CreateAggregator(activity);
        var added = new List<ResponseRow>();
        for (var i = 0; i < 40; i++)
        {
            var before = Serialize(aggregator.Snapshot());
            var questions = added.Where(r => ResponseData.String(r.ResponseData, "question") is not null).ToList();
            var response = Response(RandomData(type, random, questions), participantId: random.Next(1, 4), second: i);
            aggregator.Add(response);
            aggregator.Remove(response);
            Assert.Equal(before, Serialize(aggregator.Snapshot()));
            aggregator.Add(response);
            added.Add(response);
        }
    }

    [Theory]
    [MemberData(nameof(Activities))]
    public void OddResponseData_NeverThrows(string type, string config)
    {
        var activity = Activity(type, config);
        var aggregator = ResultsCalculator.CreateAggregator(activity);
        var rows = Junk.Select((data, i) => Response(data, participantId: i % 3 + 1, second: i))
            .Append(Response(default(JsonElement)))
            .ToList();
        foreach (var row in rows) aggregator.Add(row);
        Assert.NotEmpty(Serialize(aggregator.Snapshot()));
        foreach (var row in rows) aggregator.Remove(row);
        Assert.Equal(Serialize(ResultsCalculator.Compute(activity, [])), Serialize(aggregator.Snapshot()));
    }

    [Theory]
    [InlineData("poll", typeof(PollResults))]
    [InlineData("word_cloud", typeof(WordCloudResults))]
    [InlineData("qa", typeof(QaResults))]
    [InlineData("planning_poker", typeof(PlanningPokerResults))]
    [InlineData("custom_thing", typeof(GenericResults))]
    [InlineData("Poll", typeof(GenericResults))]
    public void CreateAggregator_PicksTheAggregatorOfTheType(string type, Type expected)
    {
        Assert.IsType(expected, ResultsCalculator.CreateAggregator(Activity(type, "{}")));
    }

    [Theory]
    [InlineData("poll", "[]")]
    [InlineData("word_cloud", "\"p\"")]
    [InlineData("qa", "null")]
    [InlineData("planning_poker", "7")]
    public void Compute_WithNonObjectConfiguration_DoesNotThrow(string type, string config)
    {
        var snapshot = ResultsCalculator.Compute(Activity(type, config), [Response("""{"option_index": 0, "word": "w", "question": "q?", "value": "5"}""")]);
        Assert.NotEmpty(Serialize(snapshot));
    }
}
