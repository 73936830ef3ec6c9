using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Xunit;

namespace Xuncha.Testing;

/// <summary>
/// What a generated Office file must pass: the OpenXML SDK validator, and opening in LibreOffice (converted to
/// PDF headless), whose text and page images can then be read with poppler's pdftotext and pdftoppm.
/// </summary>
public static class OfficeChecks
{
    public static void AssertValid(byte[] content, string name)
    {
        using var stream = new MemoryStream(content);
        var validator = new OpenXmlValidator(FileFormatVersions.Office2019);
        static string Describe(ValidationErrorInfo e) => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}";
        List<string> list;
        if (name.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
        {
            using var doc = WordprocessingDocument.Open(stream, false);
            list = validator.Validate(doc).Select(Describe).ToList();
        }
        else
        {
            using var doc = SpreadsheetDocument.Open(stream, false);
            list = validator.Validate(doc).Select(Describe).ToList();
        }
        Assert.True(list.Count == 0, $"{name} has {list.Count} validation errors:\n" + string.Join("\n", list.Take(20)));
    }

    /// <summary>Converts the files to PDF in one LibreOffice run; returns the PDF path for each input name.</summary>
    public static async Task<Dictionary<string, string>> ToPdfAsync(IReadOnlyDictionary<string, byte[]> files)
    {
        var dir = Directory.CreateTempSubdirectory("xuncha-office-").FullName;
        var inputs = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(dir, name);
            await File.WriteAllBytesAsync(path, content);
            inputs.Add(path);
        }
        var outDir = Path.Combine(dir, "pdf");
        var profile = Path.Combine(dir, "profile");
        var args = new List<string> { $"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir };
        args.AddRange(inputs);
        var (code, output) = await RunAsync(Soffice(), args, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, $"soffice failed ({code}): {output}");
        var result = new Dictionary<string, string>();
        foreach (var name in files.Keys)
        {
            var pdf = Path.Combine(outDir, Path.ChangeExtension(name, ".pdf"));
            Assert.True(File.Exists(pdf), $"LibreOffice did not convert {name}: {output}");
            result[name] = pdf;
        }
        return result;
    }

    public static async Task<string> PdfTextAsync(string pdf, int? page = null)
    {
        var txt = pdf + ".txt";
        var args = new List<string> { "-enc", "UTF-8" };
        if (page is { } p) args.AddRange(["-f", p.ToString(), "-l", p.ToString()]);
        args.AddRange([pdf, txt]);
        var (code, output) = await RunAsync("pdftotext", args, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"pdftotext failed: {output}");
        return await File.ReadAllTextAsync(txt, Encoding.UTF8);
    }

    public static async Task<int> PdfPagesAsync(string pdf)
    {
        var (code, output) = await RunAsync("pdfinfo", [pdf], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"pdfinfo failed: {output}");
        var line = output.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim());
    }

    /// <summary>The size of page 1 in points (A4 portrait: 595 × 842).</summary>
    public static async Task<(double Width, double Height)> PdfPageSizeAsync(string pdf)
    {
        var (code, output) = await RunAsync("pdfinfo", [pdf], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"pdfinfo failed: {output}");
        var line = output.Split('\n').First(l => l.StartsWith("Page size:", StringComparison.Ordinal));
        var parts = line["Page size:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Page 1 as a greyscale image (PGM, read here without an image library).</summary>
    public static async Task<GreyImage> RenderPage1Async(string pdf, int dpi = 60)
    {
        var stem = pdf + "-page";
        var (code, output) = await RunAsync("pdftoppm", ["-f", "1", "-l", "1", "-r", dpi.ToString(), "-gray", "-singlefile", pdf, stem], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, $"pdftoppm failed: {output}");
        return GreyImage.ReadPgm(await File.ReadAllBytesAsync(stem + ".pgm"));
    }

    private static string Soffice() =>
        new[] { "/usr/bin/soffice", "/usr/bin/libreoffice", "/opt/libreoffice/program/soffice" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("LibreOffice (soffice) is not installed: .ci/run installs it (libreoffice-writer-nogui libreoffice-calc-nogui).");

    private static async Task<(int, string)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = Path.GetTempPath();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        return (p.ExitCode, await stdout + await stderr);
    }
}

/// <summary>An 8-bit greyscale image (0 black … 255 white).</summary>
public sealed class GreyImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;
    public int Height { get; } = height;

    public byte this[int x, int y] => pixels[y * Width + x];

    /// <summary>The share of dark pixels in a band of rows (fractions of the height).</summary>
    public double DarkShare(double fromY, double toY, double fromX = 0, double toX = 1)
    {
        int dark = 0, all = 0;
        for (var y = (int)(fromY * Height); y < (int)(toY * Height); y++)
            for (var x = (int)(fromX * Width); x < (int)(toX * Width); x++, all++)
                if (this[x, y] < 128) dark++;
        return all == 0 ? 0 : (double)dark / all;
    }

    public static GreyImage ReadPgm(byte[] data)
    {
        // P5 <width> <height> <max>\n<binary>
        var fields = new List<string>();
        var i = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)data[i])) i++;
            if (data[i] == '#') { while (data[i] != '\n') i++; continue; }
            var start = i;
            while (!char.IsWhiteSpace((char)data[i])) i++;
            fields.Add(Encoding.ASCII.GetString(data, start, i - start));
        }
        i++;
        if (fields[0] != "P5") throw new InvalidDataException("not a binary PGM");
        var (w, h) = (int.Parse(fields[1]), int.Parse(fields[2]));
        return new GreyImage(w, h, data.AsSpan(i, w * h).ToArray());
    }
}
