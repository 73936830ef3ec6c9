using Xuncha.Common;

namespace Xuncha.Documents;

/// <summary>Sample data for every name a template may use: to check an upload renders, and to preview a template.</summary>
public static class DocumentSamples
{
    public static DocScope For(DocumentKind kind)
    {
        var lists = DocumentKinds.Lists(kind);
        var scope = new DocScope();
        foreach (var name in DocumentKinds.Common.Concat(DocumentKinds.Names(kind)).Where(n => !lists.ContainsKey(n)))
            scope.Set(name, Sample(name, 1));
        scope.Set("今天", Dates.Chinese(new DateOnly(2026, 1, 15)));
        if (kind == DocumentKind.EntryAnnouncement)
            scope.Set("举报链接", "https://xuncha.example.edu.cn/report/sample").Image("举报二维码", Pictures.QrPng("https://xuncha.example.edu.cn/report/sample"), 30, "（二维码）");
        // every list at the top too: a template may list the problems without their categories
        foreach (var (name, children) in lists)
            scope.List(name, Items(kind, children, lists, 2));
        return scope;
    }

    private static IEnumerable<DocScope> Items(DocumentKind kind, string[] children, IReadOnlyDictionary<string, string[]> lists, int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var item = new DocScope();
            foreach (var name in DocumentKinds.Names(kind).Where(n => !lists.ContainsKey(n))) item.Set(name, Sample(name, i));
            foreach (var child in children) item.List(child, Items(kind, lists[child], lists, 2));
            return item;
        });

    private static string Sample(string name, int i) => name switch
    {
        "序号" => i.ToString(),
        "类别序号" => Numerals.Chinese(i),
        _ => $"〔{name}{(i > 1 ? i.ToString() : "")}〕",
    };
}
