using System.Buffers.Binary;
using System.Text;

namespace Conflicto.Tests.Integration.Media;

/// <summary>
/// An APP1 Exif segment written byte by byte (big-endian TIFF): IFD0 with Make, Orientation and a
/// pointer to a GPS IFD holding GPSLatitudeRef "N" and GPSLatitude 48°51'24" (Paris): what a phone writes.
/// </summary>
public static class TestExif
{
    public const string Latitude = "48/1 51/1 24/1";

    /// <summary><paramref name="jpeg"/> with the segment right after its SOI marker.</summary>
    public static byte[] Insert(byte[] jpeg, string make, ushort orientation)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        var payload = Encoding.ASCII.GetBytes("Exif\0\0").Concat(Tiff(make, orientation)).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static byte[] Tiff(string make, ushort orientation)
    {
        var makeBytes = Encoding.ASCII.GetBytes(make + "\0");
        const int ifd0 = 8, ifd0Entries = 3;
        const int ifd0Size = 2 + ifd0Entries * 12 + 4;
        const int gps = ifd0 + ifd0Size, gpsEntries = 2;
        const int gpsSize = 2 + gpsEntries * 12 + 4;
        const int latitude = gps + gpsSize;            // 3 rationals: 24 bytes
        const int makeAt = latitude + 24;
        var tiff = new byte[makeAt + makeBytes.Length];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), ifd0);

        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(ifd0), ifd0Entries);
        Entry(tiff, ifd0 + 2, 0x010F, 2, (uint)makeBytes.Length, makeAt);           // Make, ASCII at an offset
        Entry(tiff, ifd0 + 14, 0x0112, 3, 1, (uint)orientation << 16);              // Orientation, SHORT in place
        Entry(tiff, ifd0 + 26, 0x8825, 4, 1, gps);                                  // GPSInfo IFD pointer

        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(gps), gpsEntries);
        Entry(tiff, gps + 2, 0x0001, 2, 2, (uint)'N' << 24);                        // GPSLatitudeRef "N\0" in place
        Entry(tiff, gps + 14, 0x0002, 5, 3, latitude);                              // GPSLatitude, 3 RATIONALs
        uint[] rationals = [48, 1, 51, 1, 24, 1];
        for (var i = 0; i < rationals.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(latitude + i * 4), rationals[i]);
        makeBytes.CopyTo(tiff, makeAt);
        return tiff;
    }

    private static void Entry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 8), value);
    }
}
