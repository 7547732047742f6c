using Conflicto.Data.Media;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Media uploads: options (section <c>Media</c>), the sanitizer, and the store Media:Storage names.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Storage != "Folder" || !string.IsNullOrWhiteSpace(o.Folder), "Media:Folder must be set when Media:Storage is Folder.")
            .ValidateOnStart();
        services.AddSingleton<MediaRepository>();
        services.AddSingleton<ImageSanitizer>();
        services.AddSingleton<MediaUploads>();
        services.AddSingleton<MediaUploadLimits>();
        services.AddHostedService<FolderMediaSweeper>();
        services.AddSingleton<IMediaStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return options.Storage == "Folder"
                ? new FolderMediaStore(options.Folder!)
                : ActivatorUtilities.CreateInstance<PostgresMediaStore>(sp);
        });
        return services;
    }
}
