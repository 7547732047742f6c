using System.ComponentModel.DataAnnotations;

namespace Conflicto.Server.Media;

/// <summary>Media uploads (section <c>Media</c>): limits, the per-session quota and where the bytes are stored.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary><c>Postgres</c> (table media_content) or <c>Folder</c> (files in <see cref="Folder"/>).</summary>
    [RegularExpression("^(Postgres|Folder)$", ErrorMessage = "Media:Storage must be Postgres or Folder.")]
    public string Storage { get; set; } = "Postgres";

    /// <summary>The folder for <c>Storage=Folder</c>; created when missing.</summary>
    public string? Folder { get; set; }

    /// <summary>
    /// With <c>Storage=Folder</c>: how often the folder is swept of files whose image is gone (its
    /// session was deleted, which deletes the rows but cannot reach the files). Also once at start.
    /// </summary>
    [Range(1, 86_400)]
    public int FolderSweepSeconds { get; set; } = 300;

    /// <summary>Largest upload accepted, as sent (before re-encoding).</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most pixels (width × height, read from the header before decoding) an upload may declare.</summary>
    [Range(1d, 200_000_000d)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest side of a stored image: larger ones are scaled down, keeping the aspect ratio.</summary>
    [Range(16, 8192)]
    public int MaxDimension { get; set; } = 2048;

    /// <summary>Most images a session may hold.</summary>
    [Range(1, 100_000)]
    public int MaxFilesPerSession { get; set; } = 50;

    /// <summary>Most bytes (stored, after re-encoding) a session's images may take together.</summary>
    [Range(1024d, 10d * 1024 * 1024 * 1024)]
    public long MaxBytesPerSession { get; set; } = 50L * 1024 * 1024;
}
