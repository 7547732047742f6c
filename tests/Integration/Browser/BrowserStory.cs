using Microsoft.Playwright;

namespace Conflicto.Tests.Integration.Browser;

/// <summary>
/// Runs a browser test's story; when it fails, saves a screenshot of every page it used to
/// TestResults/browser/{test}-{n}.png (CONFLICTO_TEST_RESULTS changes the folder) before rethrowing.
/// </summary>
public static class BrowserStory
{
    public static async Task RunAsync(string name, IReadOnlyList<IPage> pages, Func<Task> story)
    {
        try
        {
            await story();
        }
        catch
        {
            var folder = Path.Combine(Environment.GetEnvironmentVariable("CONFLICTO_TEST_RESULTS") is { Length: > 0 } r ? r : Path.Combine(RepoRoot(), "TestResults"), "browser");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < pages.Count; i++)
            {
                if (pages[i].IsClosed) continue;
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{i + 1}.png"), FullPage = true });
            }
            throw;
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Conflicto.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
