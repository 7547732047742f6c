using System.Text.Json;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>Checks a JSON Schema cannot express well (duplicates, combinations), with friendly wording.</summary>
internal static class ActivityTypeRules
{
    public static readonly string[] DefaultCards = ["0", "1", "2", "3", "5", "8", "13", "21", "?"];

    public static void Check(string activityType, JsonElement configuration, List<string> errors, List<string> warnings)
    {
        switch (activityType)
        {
            case ActivityTypeCatalog.Poll:
                var options = configuration.GetProperty("options").EnumerateArray().Select(o => o.GetString()!.Trim()).ToList();
                if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
                    errors.Add("options: option texts must be unique");
                if (options.Any(string.IsNullOrWhiteSpace)) errors.Add("options: option texts must not be blank");
                break;
            case ActivityTypeCatalog.Quiz:
                Quiz.QuizRules.Configuration(configuration, errors);
                break;
            case ActivityTypeCatalog.PlanningPoker:
                if (!configuration.TryGetProperty("card_values", out var cards))
                    warnings.Add($"card_values not set: the default deck {string.Join(", ", DefaultCards)} is used");
                else if (cards.EnumerateArray().Select(c => c.ToString()).Distinct().Count() != cards.GetArrayLength())
                    errors.Add("card_values: card values must be unique");
                break;
            case ActivityTypeCatalog.Scale: Types.ScaleType.CheckConfiguration(configuration, errors); break;
            case ActivityTypeCatalog.Ranking: Types.RankingType.CheckConfiguration(configuration, errors); break;
            case ActivityTypeCatalog.Numeric: Types.NumericType.CheckConfiguration(configuration, errors, warnings); break;
        }
    }
}
