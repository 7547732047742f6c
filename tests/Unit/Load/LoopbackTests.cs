using Conflicto.Load.Target;

namespace Conflicto.Tests.Unit.Load;

public class LoopbackTests
{
    [Fact]
    public void ParseUrls_AcceptsSeveralLoopbackNodes()
    {
        var urls = Loopback.ParseUrls("http://127.0.0.1:5000, http://127.0.0.2:5001/,http://localhost:5002");

        Assert.Equal(3, urls.Count);
        Assert.Equal(5001, urls[1].Port);
    }

    [Theory]
    [InlineData("http://10.0.0.5:5000")]
    [InlineData("http://127.0.0.1:5000,https://example.com")]
    public void ParseUrls_RefusesAnythingNotLoopback(string urls) =>
        Assert.Throws<FormatException>(() => Loopback.ParseUrls(urls));
}
