using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Recording;

/// <summary>
/// A long recording streams: a real server (Kestrel) sends it chunked, flushing as it reads, and a
/// client can parse it chunk by chunk. Counted, not timed: the answer must arrive in many chunks,
/// and events must be parsed before its last chunk is in.
/// </summary>
public sealed class RecordingStreamTests
{
    private const int LoggedEvents = 5_000;

    [Fact]
    public async Task Recording_OfFiveThousandEvents_StreamsInChunksThatParseOneByOne()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using var server = await ServerProcess.StartAsync(database, null, new Dictionary<string, string> { ["Processing:Enabled"] = "false" });
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            var created = await (await http.PostAsJsonAsync("/api/v1/sessions/", new { title = "Long" })).Content.ReadFromJsonAsync<JsonElement>();
            var sessionId = created.GetProperty("id").GetInt32();
            await AppendJoinsAsync(database, sessionId, LoggedEvents - 1);

            var (headers, chunks) = await GetChunkedAsync(server.BaseUrl, $"/api/v1/sessions/{sessionId}/recording", created.GetProperty("admin_code").GetString()!);

            Assert.StartsWith("HTTP/1.1 200", headers, StringComparison.Ordinal);
            Assert.Contains("transfer-encoding: chunked", headers.ToLowerInvariant(), StringComparison.Ordinal);
            var parser = new EventCounter();
            var seenAfterChunk = chunks.Select(parser.Feed).ToList();
            Assert.Equal(LoggedEvents, parser.Events);
            Assert.True(chunks.Count >= 10, $"{chunks.Count} chunks");
            // Most events were already readable while later chunks were still to come.
            Assert.True(seenAfterChunk[chunks.Count / 2] > 0 && seenAfterChunk[chunks.Count / 2] < LoggedEvents, string.Join(",", seenAfterChunk));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    /// <summary>
    /// Writes the log directly: thousands of joins through the API would test joins, not the
    /// recording. The session row's counter follows, as the unit of work would keep it.
    /// </summary>
    private static async Task AppendJoinsAsync(string database, int sessionId, int count)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.ExecuteAsync("""
            insert into session_events (session_id, seq, type, at, data)
            select @sessionId, g, 'participant.joined', now() + g * interval '10 ms',
                   jsonb_build_object('participant_id', g, 'nickname', 'Person ' || g, 'session_id', @sessionId)
            from generate_series(2, @last) g;
            update sessions set last_seq = @last, last_event_at = now() + @last * interval '10 ms' where id = @sessionId;
            """, new { sessionId, last = count + 1 });
    }

    /// <summary>A plain HTTP/1.1 GET over a socket, so the chunks are seen as the server sent them.</summary>
    private static async Task<(string Headers, List<byte[]> Chunks)> GetChunkedAsync(string baseUrl, string path, string adminCode)
    {
        var uri = new Uri(baseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nX-Admin-Code: {adminCode}\r\nConnection: close\r\n\r\n"));
        var reader = new ChunkReader(stream);
        var headers = new StringBuilder();
        for (var line = await reader.LineAsync(); line.Length > 0; line = await reader.LineAsync()) headers.AppendLine(line);
        var chunks = new List<byte[]>();
        for (var size = Convert.ToInt32((await reader.LineAsync()).Split(';')[0], 16); size > 0; size = Convert.ToInt32((await reader.LineAsync()).Split(';')[0], 16))
        {
            chunks.Add(await reader.BytesAsync(size));
            await reader.LineAsync(); // the CRLF after the chunk
        }
        return (headers.ToString(), chunks);
    }

    private sealed class ChunkReader(Stream stream)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string> LineAsync()
        {
            var line = new StringBuilder();
            while (await stream.ReadAsync(_one) == 1 && _one[0] != '\n') if (_one[0] != '\r') line.Append((char)_one[0]);
            return line.ToString();
        }

        public async Task<byte[]> BytesAsync(int count)
        {
            var bytes = new byte[count];
            await stream.ReadExactlyAsync(bytes);
            return bytes;
        }
    }

    /// <summary>Counts the recording's events as its bytes arrive (<see cref="Utf8JsonReader"/> over partial input).</summary>
    private sealed class EventCounter
    {
        private byte[] _pending = [];
        private JsonReaderState _state;

        public int Events { get; private set; }

        public int Feed(byte[] chunk)
        {
            var input = _pending.Concat(chunk).ToArray();
            var reader = new Utf8JsonReader(input, isFinalBlock: false, _state);
            // An event's own seq is a property of an object in the root's "events" array: depth 3.
            while (reader.Read())
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 3 && reader.ValueTextEquals("seq")) Events++;
            _pending = input[(int)reader.BytesConsumed..];
            _state = reader.CurrentState;
            return Events;
        }
    }
}
