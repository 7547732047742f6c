using System.Net;
using System.Text.RegularExpressions;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Tests.Integration.Access;

/// <summary>
/// The hub's JoinSession and REST's event log ask the same rule (SessionAccess): every credential
/// opens both doors or neither, with the same status.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class SessionAccessAgreementTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    public enum Credential { None, AdminCode, OtherAdminCode, Token, OtherToken }

    public enum Code { None, Right, Lowercase, Wrong }

    [Theory]
    [InlineData(Credential.AdminCode, Code.None, 200, "host")]
    [InlineData(Credential.Token, Code.None, 200, "participant")]
    [InlineData(Credential.None, Code.Right, 200, "viewer")]
    [InlineData(Credential.None, Code.Lowercase, 200, "viewer")]
    [InlineData(Credential.OtherAdminCode, Code.Right, 200, "viewer")]
    [InlineData(Credential.None, Code.None, 401, null)]
    [InlineData(Credential.None, Code.Wrong, 403, null)]
    [InlineData(Credential.OtherAdminCode, Code.None, 403, null)]
    [InlineData(Credential.OtherToken, Code.None, 403, null)]
    [InlineData(Credential.OtherToken, Code.Right, 403, null)]
    public async Task HubAndRest_GiveTheSameAnswer(Credential credential, Code code, int status, string? role)
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var stranger = await _api.JoinAsync(other, "Stranger");
        var (adminCode, token) = credential switch
        {
            Credential.AdminCode => (session.AdminCode, null),
            Credential.OtherAdminCode => (other.AdminCode, null),
            Credential.Token => (null, alice.Token),
            Credential.OtherToken => (null, stranger.Token),
            _ => ((string?)null, (string?)null),
        };
        var joinCode = code switch
        {
            Code.Right => session.JoinCode,
            Code.Lowercase => session.JoinCode.ToLowerInvariant(),
            Code.Wrong => other.JoinCode,
            _ => null,
        };

        var query = joinCode is null ? "" : $"?join_code={joinCode}";
        var rest = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events{query}", adminCode: adminCode, token: token);
        var (hubStatus, hubRole) = await HubJoinAsync(session.Id, adminCode ?? token, joinCode);

        Assert.Equal((HttpStatusCode)status, rest.StatusCode);
        Assert.Equal(status, hubStatus);
        Assert.Equal(role, hubRole);
    }

    private async Task<(int Status, string? Role)> HubJoinAsync(int sessionId, string? credential, string? joinCode)
    {
        await using var client = factory.HubClient(credential);
        await client.StartAsync();
        try
        {
            var joined = await client.JoinAsync(sessionId, joinCode: joinCode);
            return (200, joined.GetProperty("snapshot").GetProperty("role").GetString());
        }
        catch (HubException refused)
        {
            return (int.Parse(HubStatus().Match(refused.Message).Groups[1].Value), null);
        }
    }

    [GeneratedRegex(@"(?:^|HubException: )(\d{3}) [A-Z]")]
    private static partial Regex HubStatus();
}
