using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ExportTrace = Xuncha.Spreadsheets.ExportTrace;

namespace Xuncha.Documents;

/// <summary>
/// Fills a .docx template. Placeholders are written in Word as <c>{{名称}}</c>; a table row holding
/// <c>{{#列表}}</c> repeats once per item of the list, and so does a block of paragraphs and tables between a
/// paragraph <c>{{#列表}}</c> and a paragraph <c>{{/列表}}</c> (blocks nest). Word splits typed text into runs
/// as it likes, so a paragraph holding a placeholder is rewritten as one run with the first run's formatting.
/// Every document gets the export trace in its properties and, visibly, in its footer.
/// </summary>
public static partial class DocxTemplate
{
    public const string TraceName = "导出信息";

    [GeneratedRegex(@"\{\{\s*([#/]?)\s*([^{}#/][^{}]*?)\s*\}\}")]
    private static partial Regex Placeholder();

    public static void Render(Stream template, DocScope scope, ExportTrace trace, Stream output)
    {
        template.CopyTo(output);
        output.Position = 0;
        scope.Set(TraceName, trace.Line);
        using var doc = WordprocessingDocument.Open(output, true);
        var main = doc.MainDocumentPart ?? throw new InvalidDataException("no main part");
        Process(main.Document.Body!, scope);
        foreach (var header in main.HeaderParts) Process(header.Header, scope);
        foreach (var footer in main.FooterParts) Process(footer.Footer, scope);
        EnsureTrace(main, trace.Line);
        doc.PackageProperties.Creator = trace.ExportedBy;
        doc.PackageProperties.LastModifiedBy = trace.ExportedBy;
        doc.PackageProperties.Created = trace.At.UtcDateTime;
        doc.PackageProperties.Modified = trace.At.UtcDateTime;
        doc.PackageProperties.Description = trace.Line;
        if (scope.Value("标题") is { Length: > 0 } title) doc.PackageProperties.Title = title;
        main.Document.Save();
    }

    /// <summary>The placeholder and list names a template uses (for checking an uploaded one).</summary>
    public static IReadOnlySet<string> NamesIn(WordprocessingDocument doc)
    {
        var names = new HashSet<string>();
        var main = doc.MainDocumentPart;
        if (main is null) return names;
        IEnumerable<OpenXmlElement> roots = [main.Document.Body!, .. main.HeaderParts.Select(h => h.Header), .. main.FooterParts.Select(f => f.Footer)];
        foreach (var p in roots.SelectMany(r => r.Descendants<Paragraph>()))
            foreach (Match m in Placeholder().Matches(TextOf(p)))
                names.Add(m.Groups[2].Value.Trim());
        return names;
    }

    private static void Process(OpenXmlElement container, DocScope scope) => Process(container.ChildElements.ToList(), scope);

    /// <summary>Fills a run of sibling elements; a block repeats its elements once per item, and each copy is filled the same way (so blocks nest).</summary>
    private static void Process(List<OpenXmlElement> children, DocScope scope)
    {
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (child is Paragraph p && BlockStart(p) is { } name)
            {
                var end = FindEnd(children, i, name);
                var block = children.Skip(i + 1).Take(end - i - 1).ToList();
                foreach (var item in scope.Items(name) ?? [])
                {
                    var copies = block.Select(e => e.CloneNode(true)).ToList();
                    foreach (var copy in copies) p.InsertBeforeSelf(copy);
                    Process(copies, item);
                }
                foreach (var element in block) element.Remove();
                if (end < children.Count) children[end].Remove();
                p.Remove();
                i = end;
                continue;
            }
            ProcessOne(child, scope);
        }
    }

    private static void ProcessOne(OpenXmlElement element, DocScope scope)
    {
        switch (element)
        {
            case Paragraph p:
                Replace(p, scope);
                break;
            case Table t:
                ProcessTable(t, scope);
                break;
            default:
                // structured document tags and the like hold paragraphs and tables of their own
                if (element.HasChildren) Process(element, scope);
                break;
        }
    }

    private static void ProcessTable(Table table, DocScope scope)
    {
        foreach (var row in table.Elements<TableRow>().ToList())
        {
            var marker = Placeholder().Matches(row.InnerText).FirstOrDefault(m => m.Groups[1].Value == "#");
            if (marker is null)
            {
                foreach (var cell in row.Elements<TableCell>()) Process(cell, scope);
                continue;
            }
            foreach (var item in scope.Items(marker.Groups[2].Value.Trim()) ?? [])
            {
                var copy = (TableRow)row.CloneNode(true);
                row.InsertBeforeSelf(copy);
                foreach (var cell in copy.Elements<TableCell>()) Process(cell, item);
            }
            row.Remove();
        }
    }

    private static string? BlockStart(Paragraph p)
    {
        var m = Placeholder().Match(TextOf(p).Trim());
        return m.Success && m.Groups[1].Value == "#" && m.Length == TextOf(p).Trim().Length ? m.Groups[2].Value.Trim() : null;
    }

    /// <summary>The index of the paragraph closing the block opened at <paramref name="start"/> (nesting-aware); the end of the list if none.</summary>
    private static int FindEnd(List<OpenXmlElement> siblings, int start, string name)
    {
        var depth = 0;
        for (var j = start + 1; j < siblings.Count; j++)
        {
            if (siblings[j] is not Paragraph q) continue;
            var text = TextOf(q).Trim();
            var m = Placeholder().Match(text);
            if (!m.Success || m.Length != text.Length || m.Groups[2].Value.Trim() != name) continue;
            if (m.Groups[1].Value == "#") depth++;
            else if (m.Groups[1].Value == "/" && depth-- == 0) return j;
        }
        return siblings.Count;
    }

    private static string TextOf(Paragraph p) => string.Concat(p.Descendants<Text>().Select(t => t.Text));

    /// <summary>The paragraph's text with its line breaks and tabs, as the replacement writes it back.</summary>
    private static string FullTextOf(Paragraph p) => string.Concat(p.Descendants().Select(e => e switch
    {
        Text t => t.Text,
        Break { Type: null } => "\n",
        Break b when b.Type.Value == BreakValues.TextWrapping => "\n",
        TabChar => "\t",
        _ => "",
    }));

    private static void Replace(Paragraph p, DocScope scope)
    {
        var text = FullTextOf(p);
        if (!text.Contains("{{", StringComparison.Ordinal)) return;
        if (Placeholder().Match(text.Trim()) is { Success: true } only && only.Length == text.Trim().Length
            && scope.ImageOf(only.Groups[2].Value.Trim()) is { } image && p.Ancestors<Body>().Any()
            && p.Ancestors<Document>().FirstOrDefault()?.MainDocumentPart is { } main)
        {
            foreach (var r in p.Descendants<Run>().ToList()) r.Remove();
            p.AppendChild(Pictures.Inline(main, image));
            return;
        }
        var replaced = Placeholder().Replace(text, m => m.Groups[1].Value.Length > 0 ? "" : scope.Value(m.Groups[2].Value.Trim()) ?? "");
        var runs = p.Descendants<Run>().ToList();
        var props = runs.Select(r => r.RunProperties).FirstOrDefault(rp => rp is not null)?.CloneNode(true) as RunProperties;
        foreach (var r in runs) r.Remove();
        var run = new Run();
        if (props is not null) run.AppendChild(props);
        var lines = replaced.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.AppendChild(new Break());
            var parts = lines[i].Split('\t');
            for (var j = 0; j < parts.Length; j++)
            {
                if (j > 0) run.AppendChild(new TabChar());
                if (parts[j].Length > 0) run.AppendChild(new Text(parts[j]) { Space = SpaceProcessingModeValues.Preserve });
            }
        }
        p.AppendChild(run);
    }

    /// <summary>The trace is visible on every page: in the footer, unless the template already placed it.</summary>
    private static void EnsureTrace(MainDocumentPart main, string line)
    {
        if (main.FooterParts.Any(f => f.Footer.InnerText.Contains(line, StringComparison.Ordinal))) return;
        var footers = main.FooterParts.ToList();
        if (footers.Count == 0)
        {
            var part = main.AddNewPart<FooterPart>();
            part.Footer = new Footer();
            footers.Add(part);
            var id = main.GetIdOfPart(part);
            foreach (var section in main.Document.Body!.Descendants<SectionProperties>())
                section.PrependChild(new FooterReference { Type = HeaderFooterValues.Default, Id = id });
        }
        foreach (var f in footers)
        {
            f.Footer.AppendChild(new Paragraph(
                new ParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Left }),
                new Run(new RunProperties(new Color { Val = "808080" }, new FontSize { Val = "18" }), new Text(line))));
            f.Footer.Save();
        }
    }
}
