using System.Globalization;
using Conflicto.Load.Clients;
using Conflicto.Load.Stats;

namespace Conflicto.Load.Runner;

/// <summary>
/// Command line: <c>&lt;scenario&gt; [--name value]...</c>. Options may repeat (<c>--p99-ms</c>);
/// scenarios read what they need with defaults of their own, and unknown names are refused so
/// that a typo never silently runs the wrong load.
/// </summary>
public sealed class LoadOptions
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "url", "postgres", "participants", "rounds", "warmup-rounds", "duration", "warmup", "ramp-up",
        "rate", "users", "events", "join-concurrency", "poll-interval", "server-warmup", "processing", "protocol", "stream-version", "max-errors", "p99-ms", "results", "no-pin", "quiz", "server-log-level",
        "drop", "away", "window", "drop-mode", "seed", "payload-bytes", "target-rate", "max-in-flight", "ack-timeout", "first",
    };

    private static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "no-pin", "quiz" };

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private LoadOptions(string scenario, IReadOnlyList<string> commandLine)
    {
        Scenario = scenario;
        CommandLine = commandLine;
    }

    public string Scenario { get; }

    public IReadOnlyList<string> CommandLine { get; }

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith('-')) throw new FormatException("the first argument must be a scenario name");
        var options = new LoadOptions(args[0], args.ToList());
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new FormatException($"unexpected argument '{arg}'");
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq > 0) { value = name[(eq + 1)..]; name = name[..eq]; } // --name=value (value may hold '=')
            if (!Known.Contains(name)) throw new FormatException($"unknown option --{name}");
            if (Flags.Contains(name)) value = "true";
            else if (value is null)
            {
                if (i + 1 >= args.Count) throw new FormatException($"--{name} needs a value");
                value = args[++i];
            }
            if (!options._values.TryGetValue(name, out var list)) options._values[name] = list = [];
            list.Add(value);
        }
        return options;
    }

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

    public bool Flag(string name) => _values.ContainsKey(name);

    public int Int(string name, int fallback, int min = 0, int max = int.MaxValue)
    {
        var text = String(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new FormatException($"--{name} must be an integer between {min} and {max}, got '{text}'");
        return value;
    }

    public double Double(string name, double fallback, double min = 0)
    {
        var text = String(name);
        if (text is null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new FormatException($"--{name} must be a number >= {min}, got '{text}'");
        return value;
    }

    public TimeSpan Seconds(string name, double fallback) => TimeSpan.FromSeconds(Double(name, fallback));

    public bool MessagePack => (String("protocol") ?? "msgpack") switch
    {
        "msgpack" or "messagepack" => true,
        "json" => false,
        var other => throw new FormatException($"--protocol must be msgpack or json, got '{other}'"),
    };

    /// <summary>
    /// What every hub client of the run speaks: <c>--protocol msgpack|json</c> and
    /// <c>--stream-version 1|2</c> (default 2; 1 = the old single-<c>Event</c> stream).
    /// </summary>
    public HubProtocol Hub => new(MessagePack, Int("stream-version", 2, 1, 2));

    public Thresholds Thresholds()
    {
        var maxErrors = String("max-errors") is null ? (long?)null : Int("max-errors", 0);
        var p99 = All("p99-ms").Select(Stats.Thresholds.ParseP99).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new Thresholds(maxErrors, p99);
    }
}
