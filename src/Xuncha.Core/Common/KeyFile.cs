using System.Security.Cryptography;

namespace Xuncha.Common;

/// <summary>A 32-byte secret kept base64 in a file only its owner may read, created on first use: the audit key and the master key.</summary>
public static class KeyFile
{
    public static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Read(path);
        XunchaSettings.PrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var w = new StreamWriter(f);
            w.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            Thread.Sleep(100); // another instance created it first
            return Read(path);
        }
        return key;
    }

    public static byte[] Read(string path) => Convert.FromBase64String(File.ReadAllText(path).Trim());
}
