namespace BalancFunctions.LocalHost;

/// <summary>Finds the repository's root folder, so that relative paths in settings work from any working directory.</summary>
public static class RepositoryRoot
{
    private const string Marker = "BalancFunctions.sln";

    /// <summary>Returns the nearest folder above the current directory or the binaries that contains the solution file, else the current directory.</summary>
    public static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, Marker)))
                {
                    return folder.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
