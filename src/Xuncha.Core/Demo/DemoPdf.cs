using System.Globalization;
using System.Text;
using Xuncha.Files;

namespace Xuncha.Demo;

/// <summary>A one-page PDF that any viewer opens, standing in for the scanned evidence units upload.</summary>
internal static class DemoPdf
{
    public static Upload Evidence(string fileName, string line)
    {
        var bytes = Make(line);
        return new Upload(fileName, bytes.Length, () => new MemoryStream(bytes, writable: false));
    }

    public static byte[] Make(string line)
    {
        var text = new string(line.Where(c => c is >= ' ' and <= '~' && c is not '(' and not ')' and not '\\').ToArray());
        var content = $"BT /F1 14 Tf 72 760 Td (Xuncha demo evidence) Tj 0 -24 Td /F1 11 Tf ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
