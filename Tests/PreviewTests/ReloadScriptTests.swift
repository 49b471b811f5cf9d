import Testing
@testable import Preview

/// The script goes into served pages only, before the page's own `</body>`.
@Suite struct ReloadScriptTests {
    @Test func injectedBeforeTheLastBodyEnd() {
        let page = "<html><body><p>x</p><code>&lt;/body&gt;</code></body></html>"
        let served = ReloadScript.inject(page, page: "a.html", version: 3, boot: "b")
        #expect(served.hasPrefix("<html><body><p>x</p>"))
        #expect(served.hasSuffix("</script>\n</body></html>"))
        #expect(served.contains("since = 3"))
        #expect(served.contains(#"page = "a.html""#))
    }

    @Test func appendedWhenThereIsNoBodyEnd() {
        #expect(ReloadScript.inject("<p>x</p>", page: "a.html", version: 0, boot: "b").hasPrefix("<p>x</p><script>"))
    }

    @Test func pageNameCannotEndTheScript() {
        let served = ReloadScript.tag(page: "</script><b>.html", version: 0, boot: "b")
        #expect(served.components(separatedBy: "</script>").count == 2, "only the tag's own end")
    }
}

@Suite struct SiteTests {
    @Test func aPageReloadsOnlyWhenItChanged() {
        let site = Site()
        site.publish(pages: ["index.html": .file, "a.html": .file, "b.html": .file],
                     changed: ["index.html", "a.html", "b.html"])
        let served = site.currentVersion
        site.publish(pages: ["index.html": .file, "a.html": .file, "b.html": .file], changed: ["b.html"])
        #expect(site.changed("a.html", since: served).changed == false)
        #expect(site.changed("b.html", since: served).changed == true)
        #expect(site.changed("b.html", since: site.currentVersion).changed == false)
    }

    @Test func nothingChangedKeepsTheVersion() {
        let site = Site()
        site.publish(pages: ["index.html": .file], changed: ["index.html"])
        let v = site.currentVersion
        site.publish(pages: ["index.html": .file], changed: [])
        #expect(site.currentVersion == v)
    }

    @Test func aLoadErrorAndItsFixAreChanges() {
        let site = Site()
        site.publish(pages: ["a.html": .file], changed: ["a.html"])
        let v = site.currentVersion
        site.publish(pages: ["a.html": .failed(title: "a.md", diagnostics: ["a.md:1:1: error: x"])], changed: [])
        #expect(site.changed("a.html", since: v).changed)
        let w = site.currentVersion
        site.publish(pages: ["a.html": .file], changed: [])
        #expect(site.changed("a.html", since: w).changed)
    }

    @Test func aRemovedPageHasChanged() {
        let site = Site()
        site.publish(pages: ["a.html": .file, "b.html": .file], changed: ["a.html", "b.html"])
        let v = site.currentVersion
        site.publish(pages: ["a.html": .file], changed: [])
        #expect(site.changed("b.html", since: v).changed)
        #expect(site.page("b.html") == nil)
    }
}
