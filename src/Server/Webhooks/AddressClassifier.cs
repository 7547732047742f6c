using System.Net;
using System.Net.Sockets;

namespace Conflicto.Server.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless <c>Webhooks:AllowPrivateNetworks</c> is on:
/// loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata service
/// 169.254.169.254, fe80::/10), CGNAT (100.64/10), unspecified, multicast, broadcast and reserved
/// ranges, and the same inside IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible and NAT64 IPv6 forms.
/// </summary>
public static class AddressClassifier
{
    /// <summary>Null when <paramref name="address"/> is a public address; else what it is, for the refusal's message.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6) return Refusal(address.MapToIPv4());
            var b = address.GetAddressBytes();
            if (IPAddress.IPv6Any.Equals(address)) return "an unspecified address";
            if (IPAddress.IPv6Loopback.Equals(address)) return "a loopback address";
            // ::a.b.c.d (IPv4-compatible, deprecated) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address in their last 4 bytes.
            if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0) return Refusal(new IPAddress(b.AsSpan(12)));
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
                return Refusal(new IPAddress(b.AsSpan(12)));
            if ((b[0] & 0xfe) == 0xfc) return "a private address (fc00::/7)";
            if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "a link-local address (fe80::/10)";
            if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "a site-local address (fec0::/10)";
            if (b[0] == 0xff) return "a multicast address";
            return null;
        }
        if (address.AddressFamily != AddressFamily.InterNetwork) return "not an IP address";
        var v4 = address.GetAddressBytes();
        return v4 switch
        {
            [0, ..] => "an unspecified address (0.0.0.0/8)",
            [127, ..] => "a loopback address",
            [10, ..] => "a private address (10.0.0.0/8)",
            [172, >= 16 and <= 31, ..] => "a private address (172.16.0.0/12)",
            [192, 168, ..] => "a private address (192.168.0.0/16)",
            [169, 254, ..] => "a link-local address (169.254.0.0/16, where cloud metadata services answer)",
            [100, >= 64 and <= 127, ..] => "a shared (CGNAT) address (100.64.0.0/10)",
            [192, 0, 0, _] => "an IETF protocol address (192.0.0.0/24)",
            [198, 18 or 19, ..] => "a benchmarking address (198.18.0.0/15)",
            [>= 224 and <= 239, ..] => "a multicast address",
            [>= 240, ..] => "a reserved or broadcast address",
            _ => null,
        };
    }

    public static bool IsPublic(IPAddress address) => Refusal(address) is null;
}
