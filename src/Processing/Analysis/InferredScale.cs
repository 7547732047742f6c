using System.Text.Json;

namespace Conflicto.Processing.Analysis;

/// <param name="MultipleOf">The step, when answers must land on it (the grid starts at a multiple of it).</param>
internal sealed record ScaleSpec(double Min, double Max, double? Step, bool IsInteger, double? MultipleOf);

/// <summary>
/// A numeric scale read from bounds (<c>min</c>/<c>max</c> and their synonyms), a <c>range</c> or
/// <c>scale</c> array, a count (<c>stars: 5</c> means 1 to 5), or the type name (an <c>nps</c>
/// is 0 to 10, a <c>rating</c> 1 to 5).
/// </summary>
internal static class InferredScale
{
    private static readonly (string Min, string Max)[] Bounds =
        [("min", "max"), ("scalemin", "scalemax"), ("minvalue", "maxvalue"), ("minimum", "maximum"), ("minrating", "maxrating"), ("low", "high"), ("lowest", "highest"), ("from", "to")];

    private static readonly string[] Arrays = ["range", "scale", "values", "ratingrange", "scalerange"];
    private static readonly string[] Counts = ["scale", "stars", "maxrating", "ratingscale", "points", "levels", "maxscore", "outof"];

    public static ScaleSpec? Read(ConfigurationReader reader, IReadOnlyList<string> typeWords)
    {
        var bounds = FromBounds(reader) ?? FromArrays(reader) ?? FromCount(reader) ?? FromTypeName(typeWords);
        if (bounds is not var (min, max)) return null;
        if (min > max) (min, max) = (max, min);
        if (min == max) return null;
        var step = reader.Number("step", "increment", "interval", "stepsize") is > 0 and var s ? s : (double?)null;
        var isInteger = IsWhole(min) && IsWhole(max) && (step is null || IsWhole(step.Value));
        var multipleOf = step is { } st && IsWhole(min / st) && st != 1 ? st : (double?)null;
        return new ScaleSpec(min, max, step, isInteger, multipleOf);
    }

    private static (double, double)? FromBounds(ConfigurationReader reader)
    {
        foreach (var (min, max) in Bounds)
            if (reader.Number(min) is { } lo && reader.Number(max) is { } hi) return (lo, hi);
        return null;
    }

    private static (double, double)? FromArrays(ConfigurationReader reader)
    {
        foreach (var array in reader.FindAll(Arrays).Where(a => a.ValueKind == JsonValueKind.Array))
        {
            var numbers = array.EnumerateArray().Take(1000).Select(ConfigurationReader.AsNumber).OfType<double>().ToList();
            if (numbers.Count >= 2) return (numbers.Min(), numbers.Max());
        }
        return null;
    }

    private static (double, double)? FromCount(ConfigurationReader reader)
    {
        foreach (var value in reader.FindAll(Counts))
            if (ConfigurationReader.AsNumber(value) is { } n && IsWhole(n) && n is >= 2 and <= 1000) return (1, n);
        return null;
    }

    private static (double, double)? FromTypeName(IReadOnlyList<string> typeWords) =>
        typeWords.Contains("nps") ? (0, 10)
        : typeWords.Any(w => w is "rating" or "ratings" or "rate" or "star" or "stars" or "likert" or "scale") ? (1, 5)
        : typeWords.Any(w => w is "slider" or "percent" or "percentage") ? (0, 100)
        : null;

    private static bool IsWhole(double n) => Math.Abs(n) < 1e15 && n == Math.Floor(n);
}
