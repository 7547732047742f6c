namespace Conflicto.Processing.Results;

/// <summary>The <c>type</c> of the legacy results documents (legacy-clients.md), carried beside our fields.</summary>
public static class LegacyResultTypes
{
    public const string Poll = "poll_results";
    public const string Qna = "qna_results";
    public const string WordCloud = "word_cloud_results";
}
