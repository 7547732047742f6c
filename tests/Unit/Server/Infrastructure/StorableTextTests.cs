using System.Text;
using Conflicto.Server.Infrastructure;

namespace Conflicto.Tests.Unit.Server.Infrastructure;

public class StorableTextTests
{
    private static Unstorable? Check(string json) => StorableText.CheckJson(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"a":"plain","b":[1,2.5,-3e10,true,null],"c":{"d":"😀 é"}}""")]
    [InlineData("""1.7976931348623157e308""")]
    [InlineData("""{"malformed": """)] // left to the binding's reader, which says where
    public void StorableDocuments_Pass(string json) => Assert.Null(Check(json));

    [Theory]
    [InlineData("""{"a":"x\u0000y"}""", "$.a", "U+0000")]
    [InlineData("""{"a":[1,{"b":"\ud800"}]}""", "$.a[1].b", "unpaired surrogate")]
    [InlineData("""{"a":["x","\udc00z"]}""", "$.a[1]", "unpaired surrogate")]
    [InlineData("""{"a\u0000":1}""", "$ (a property name)", "U+0000")]
    [InlineData("""{"n":1e999999}""", "$.n", "beyond what can be stored")]
    [InlineData("""{"n":-1e400}""", "$.n", "beyond what can be stored")]
    public void FirstOffence_IsNamedWithPathAndReason(string json, string path, string reason)
    {
        var found = Check(json);

        Assert.NotNull(found);
        Assert.Equal(path, found.Path);
        Assert.Contains(reason, found.Reason);
    }

    [Fact]
    public void LongNumbers_AreRefusedByLength()
    {
        var found = Check("{\"n\":" + new string('9', 5000) + "}");

        Assert.Equal("is a number written in 5000 characters; at most 100 are accepted", found?.Reason);
        Assert.Null(Check("{\"n\":" + new string('9', 100) + "}"));
    }

    [Fact]
    public void InvalidUtf8_IsRefused_CesuSurrogateBytesIncluded()
    {
        Assert.Contains("not valid UTF-8", StorableText.CheckJson([.. "{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8])!.Reason);
        Assert.Contains("not valid UTF-8", StorableText.CheckJson([.. "{\"ignored\":\""u8, 0xC0, 0xAF, .. "\"}"u8])!.Reason);
    }

    [Fact]
    public void HubValues_AreWalked_DictionariesListsAndNonFiniteNumbers()
    {
        var data = new Dictionary<object, object?> { ["ok"] = 1.5, ["list"] = new List<object?> { "a", double.NaN } };

        Assert.Equal("$.list[1]", StorableText.CheckValue(data)!.Path);
        Assert.Equal("key", StorableText.CheckValue("k\0", "key")!.Path);
        Assert.NotNull(StorableText.CheckValue(float.PositiveInfinity));
        Assert.Null(StorableText.CheckValue(new Dictionary<string, object?> { ["a"] = "😀", ["b"] = 3L }));
        Assert.Equal("$.a.b", StorableText.CheckValue(System.Text.Json.JsonDocument.Parse("""{"a":{"b":"\u0000"}}""").RootElement)!.Path);
    }

    [Fact]
    public void Strings_PairedSurrogatesPass_LoneOnesAndNulDoNot()
    {
        Assert.Null(StorableText.Reason("a😀b"));
        Assert.NotNull(StorableText.Reason("a\ud83d"));
        Assert.NotNull(StorableText.Reason("\ude00a"));
        Assert.NotNull(StorableText.Reason("\0"));
    }
}
