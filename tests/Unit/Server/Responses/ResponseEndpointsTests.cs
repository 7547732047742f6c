using Conflicto.Server.Responses;

namespace Conflicto.Tests.Unit.Server.Responses;

public class ResponseEndpointsTests
{
    private static readonly DateTime TenAm = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2026-01-01T10:00:00Z")]
    [InlineData("2026-01-01T10:00:00z")]
    [InlineData("2026-01-01T10:00:00+00:00")]
    [InlineData("2026-01-01T12:00:00+02:00")]
    [InlineData("2026-01-01T05:30:00-04:30")]
    [InlineData("2026-01-01T10:00:00")]
    [InlineData("2026-01-01 10:00:00")]
    [InlineData("  2026-01-01T10:00:00Z  ")]
    [InlineData("2026-01-01T12%3A00%3A00%2B02%3A00")] // a client that escaped the route value
    [InlineData("1767261600")]
    [InlineData("1767261600.0")]
    [InlineData("1.7672616e9")]
    public void ParseSince_TheSameInstantInAnyFormat_IsTenAmUtc(string text)
    {
        var parsed = ResponseEndpoints.ParseSince(text);
        Assert.Equal(TenAm, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Fact]
    public void ParseSince_IsoWithFractionalSeconds_KeepsTheFraction()
    {
        Assert.Equal(TenAm.AddMilliseconds(123.456), ResponseEndpoints.ParseSince("2026-01-01T10:00:00.123456Z"));
    }

    [Fact]
    public void ParseSince_UnixSecondsWithAFraction_KeepsTheFraction()
    {
        Assert.Equal(TenAm.AddMilliseconds(500), ResponseEndpoints.ParseSince("1767261600.5"));
    }

    [Fact]
    public void ParseSince_Zero_IsTheUnixEpoch()
    {
        Assert.Equal(DateTime.UnixEpoch, ResponseEndpoints.ParseSince("0"));
    }

    [Fact]
    public void ParseSince_IsoWithoutZone_IsReadAsUtcNotLocalTime()
    {
        var parsed = ResponseEndpoints.ParseSince("2026-06-15T08:15:00");
        Assert.Equal(new DateTime(2026, 6, 15, 8, 15, 0, DateTimeKind.Utc), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T10:00:00Z")]
    [InlineData("2026-01-32")]
    [InlineData("2026-01-01T25:00:00Z")]
    [InlineData("12abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("%ZZ")]
    public void ParseSince_Garbage_IsNull(string text)
    {
        Assert.Null(ResponseEndpoints.ParseSince(text));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-1767261600")]
    [InlineData("-0.5")]
    public void ParseSince_NegativeUnixSeconds_IsNull(string text)
    {
        Assert.Null(ResponseEndpoints.ParseSince(text));
    }

    [Theory]
    [InlineData("253402300800")] // year 10000
    [InlineData("1e20")]
    public void ParseSince_UnixSecondsBeyondYear9999_IsNull(string text)
    {
        Assert.Null(ResponseEndpoints.ParseSince(text));
    }
}
