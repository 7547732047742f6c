namespace Conflicto.Processing.ActivityTypes;

/// <param name="Id">The type identifier clients send as <c>activity_type</c> / <c>type</c>.</param>
/// <param name="ConfigurationSchema">JSON Schema (draft-07) for the activity's configuration.</param>
/// <param name="SingleSlot">One response per participant (a vote), rather than many (questions, words).</param>
public sealed record ActivityTypeDefinition(
    string Id, string Name, string Description, string Version, string ConfigurationSchema, bool SingleSlot);
