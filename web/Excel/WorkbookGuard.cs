using System.IO.Compression;

namespace Cascade.Web.Excel;

/// <summary>
/// Checks an uploaded workbook's zip container before anything parses it (docs/api.md "Import"):
/// it must be a zip, and its entries together must not inflate past <see cref="MaxInflated"/>.
/// The declared sizes are checked first; then every entry is inflated into nothing, counting,
/// and the check stops the moment the count passes the limit or an entry's declared size, so a
/// zip bomb never inflates past 100 MB whatever its headers claim.
/// </summary>
public static class WorkbookGuard
{
    public const long MaxInflated = 100L * 1024 * 1024;
    public const int MaxEntries = 10_000;

    /// <summary>Null when the container is fine; else why not, in Chinese.</summary>
    public static string? Check(ArraySegment<byte> workbook)
    {
        var span = workbook.AsSpan();
        if (span.Length < 4 || span[0] != (byte)'P' || span[1] != (byte)'K' || span[2] != 3 || span[3] != 4)
            return "文件不是 xlsx 工作簿（请用 Excel 或 WPS 另存为 .xlsx 后再导入）";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(workbook.Array!, workbook.Offset, workbook.Count, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) return $"工作簿含有超过 {MaxEntries} 个部件，不予导入";
            long declared = 0;
            foreach (var entry in zip.Entries) declared += entry.Length;
            if (declared > MaxInflated) return "工作簿解压后超过 100 MB，不予导入";
            var buffer = new byte[81920];
            long inflated = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                long own = 0;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    own += read;
                    inflated += read;
                    if (inflated > MaxInflated) return "工作簿解压后超过 100 MB，不予导入";
                    if (own > entry.Length) return "工作簿的压缩内容与它声明的大小不符，不予导入";
                }
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            return "文件不是有效的 xlsx 工作簿（压缩包已损坏）";
        }
    }
}
