using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Operations;

/// <summary>Section <c>Operations</c> is validated at start-up: a bad value stops the real server with a message naming it.</summary>
public sealed class OperationSettingsTests
{
    [Theory]
    [InlineData("Operations:ChannelCapacity", "0")]
    [InlineData("Operations:FlushIntervalMs", "1")]
    public async Task BadSetting_StopsStartUp_NamingIt(string key, string value)
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(database, null, new Dictionary<string, string> { [key] = value }));

            Assert.Contains("exited", error.Message);
            Assert.Contains(key.Split(':')[1], error.Message);
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}
