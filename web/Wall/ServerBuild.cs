using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileProviders;

namespace Cascade.Web.Wall;

/// <summary>
/// Identifies what this server serves: its code (the assembly's module version id, new on
/// every build) and the wall's files (a hash of everything under wwwroot), so a release that
/// only changes the page also makes running walls reload themselves.
/// </summary>
public sealed class ServerBuild
{
    public ServerBuild(IWebHostEnvironment environment)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(typeof(ServerBuild).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        Append(hash, environment.WebRootFileProvider, "");
        Id = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public string Id { get; }

    private static void Append(IncrementalHash hash, IFileProvider files, string folder)
    {
        foreach (var entry in files.GetDirectoryContents(folder).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = folder.Length == 0 ? entry.Name : $"{folder}/{entry.Name}";
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            if (entry.IsDirectory) { Append(hash, files, path); continue; }
            using var stream = entry.CreateReadStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }
    }
}
