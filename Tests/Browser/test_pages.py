"""Rendered pages as a reader sees them: a small course is rendered with
`lectern render` and opened from disk in headless Debian Chromium (Playwright)
at 1280 px and at 390 px, in light and dark.

Run with `make browser-test`, or `LECTERN=path/to/lectern python3 -m pytest -s Tests/Browser`.
Set LECTERN_SCREENSHOTS=DIR to keep full-page screenshots of what was checked.
"""
import os
import pathlib
import subprocess

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
LECTERN = os.path.abspath(os.environ.get("LECTERN", str(ROOT / ".build/release/lectern")))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = os.environ.get("LECTERN_SCREENSHOTS")

FIRST = r"""---
title: Fooling a linear classifier
description: A tiny model, a tiny attack.
---
# Fooling a linear classifier

## The model

```experiment id=fool
x = [2, -1, 3, -2, 2, 2, 1, -4, 5, 1]
w = [-1, -1, 1, -1, 1, -1, 1, 1, -1, 1]
p = sigmoid(dot(w, x))
a_rather_long_variable_name = table({name: ["probability of the class", "a second row"], value: [p, 2], third: [1, 2], fourth: ["a long text cell in a table", "b"], fifth: [123456789, 2], sixth: [1, 2]}, title="A wide table")
a_rather_long_variable_name
  # an indented comment that goes on and on and on, so that the line is far too long for any column
bar(["x", "w"], [sum(x), sum(w)], title="Sums", caption="Inputs and weights.")
expect p ~ 0.0474
```

The model's probability is `= p ~ 0.0474`, and the slide's `= 4 * 24e6 !~ 93MB` is an erratum.

$$
\sigma(z) = \frac{1}{1 + e^{-z}} + \frac{1}{1 + e^{-z}} + \frac{1}{1 + e^{-z}} + \frac{1}{1 + e^{-z}} + \frac{1}{1 + e^{-z}} + \frac{1}{1 + e^{-z}}
$$

### A detail

| a | b | c | d | e | f | g |
| - | - | - | - | - | - | - |
| averyveryverylongcellcontentthatneverbreaksanywhere | 2 | 3 | 4 | 5 | 6 | 7 |

## Summary

Done: `a_very_long_inline_code_span_without_any_spaces_that_would_overflow_a_phone`, and
https://example.com/a/very/long/link/that/goes/on/and/on/without/any/space/to/break/at
"""

SECOND = """# The second lesson

## Part one

Two is `= 1 + 1 ~ 2`.

```experiment id=explorer
net = cnn("INPUT 28x28x1 -> CONV3-8 -> RELU -> POOL2 -> CONV3-8 -> RELU -> POOL2 -> FC-10 -> SOFTMAX", seed=1)
test = fashion_mnist(split="test")
explorer(net, take(test, 6), layers=["conv1", "conv2"], top_from=take(test, 300), title="An explorer",
         caption="Pick an image, then a unit.")
```

## Part two

More.
"""
THIRD = "# The third lesson\n\nThe end.\n"

# Figures of the kinds that used to be shrunk until their labels were 6 px:
# a 16-column filter grid, a row of three plots, a labelled image grid with
# headers and a shared colour bar, a confusion matrix, named and angle ticks.
FIGURES = r"""# Figures that read

```experiment id=figures
plot(arange(6), [0.2, 0.5, 0.7, 0.8, 0.85, 0.9], xticks=["pixels", "conv1", "pool1", "conv2", "pool2", "code (fc1)"], xlabel="layer, a long axis title that has to wrap onto a second line rather than being cut off at the edge", ylabel="accuracy", caption="Named layers.")
grid(rand([32, 3, 3], seed=1), cols=16, title="32 filters", caption="A wide filter grid.")
heatmap(rand([6, 12, 12], seed=2), cols=["bag", "boot", "coat"], rows=["saliency", "guided backprop"], range=[0, 0.000073], legend="gradient", caption="Headers and one colour bar.")
confusion([[50, 2, 0], [7, 41, 3], [0, 5, 60]], classes=["T-shirt/top", "Trouser", "Ankle boot"], caption="Counts and names.")
a = plot(linspace(0, 350, count=36), tanh(linspace(-3, 3, count=36)), xticks=[0, 90, 180, 270, 360], title="Rotation", xlabel="degrees")
row(a, a, a, caption="Three plots side by side.")
grid(rand([20, 28, 28], seed=3), cols=10, scale=4, caption="A grid wider than the column.")
```

```python
def f(x):  # colour
    return "text" + str(3)
```
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    (root / "lectern.yml").write_text("title: Understanding ConvNets\n")
    lessons = root / "lessons"
    lessons.mkdir()
    (lessons / "README.md").write_text("A short course on **what convolutional networks learn**.\n")
    (lessons / "01-fool.md").write_text(FIRST)
    (lessons / "02-second.md").write_text(SECOND)
    (lessons / "03-third.md").write_text(THIRD)
    (lessons / "04-figures.md").write_text(FIGURES)
    run = subprocess.run([LECTERN, "render", "lessons", "--out", "output"], cwd=root,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return root / "output"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        # Root cannot run Chromium's sandbox; the pages are our own.
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-background-networking"])
        yield b
        b.close()


def open_page(browser, site, name, width, dark=False):
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 500 else 900},
                                  color_scheme="dark" if dark else "light")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / name).as_uri())
    page.wait_for_load_state("load")
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name[:-5]}-{width}{'-dark' if dark else ''}.png", full_page=True)
    return context, page, requests


# Elements wider than the viewport, or reaching past its right edge, that are
# not inside a designated scroller (a table's or display math's own box).
OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const scrollers = '.table-wrap, .katex:has(> math[display=block]), .katex-display, .math-tex.display, .figure-scroll';
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest(scrollers) && !el.matches(scrollers)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 0.5 || r.left < -0.5) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {out, scrollWidth: document.documentElement.scrollWidth, vw};
}"""


@pytest.mark.parametrize("name", ["01-fool.html", "02-second.html", "04-figures.html", "index.html"])
def test_nothing_scrolls_sideways_on_a_phone(browser, site, name):
    context, page, _ = open_page(browser, site, name, 390)
    result = page.evaluate(OVERFLOW)
    context.close()
    assert result["scrollWidth"] <= result["vw"], f"the page scrolls sideways: {result}"
    assert result["out"] == [], f"wider than the viewport at 390 px: {result['out'][:10]}"


def test_phone_layout_collapses_the_sidebar(browser, site):
    context, page, _ = open_page(browser, site, "01-fool.html", 390)
    assert not page.locator("aside.sidebar").is_visible()
    menu = page.locator("details.menu")
    assert menu.is_visible() and not page.locator("details.menu nav.toc").is_visible()
    menu.locator("summary").click()
    page.locator("details.menu nav.lessons-nav a", has_text="The second lesson").click()
    page.wait_for_url("**/02-second.html")
    assert page.locator("h1").inner_text().startswith("The second lesson")
    context.close()


def test_sidebar_and_contents_work_on_a_wide_screen(browser, site):
    context, page, _ = open_page(browser, site, "01-fool.html", 1280)
    sidebar = page.locator("aside.sidebar")
    assert sidebar.is_visible() and not page.locator("details.menu").is_visible()
    assert "Lesson 1 of 4" in sidebar.inner_text()
    assert page.title() == "Fooling a linear classifier · Understanding ConvNets"
    assert sidebar.locator("a[aria-current=page]").inner_text() == "Fooling a linear classifier"
    toc = [a.inner_text() for a in sidebar.locator("nav.toc a").all()]
    assert toc == ["The model", "A detail", "Summary"]
    sidebar.locator("nav.toc a", has_text="Summary").click()
    page.wait_for_url("**/01-fool.html#summary")
    top = page.locator("#summary").bounding_box()["y"]
    assert page.evaluate("() => scrollY") > 0 and 0 <= top < 900, f"the Summary heading is scrolled into view ({top})"
    page.locator("nav.pager:not(.top) a.next").click()
    page.wait_for_url("**/02-second.html")
    page.locator("nav.pager.top a.prev").click()
    page.wait_for_url("**/01-fool.html")
    page.locator("aside.sidebar .course a").click()
    page.wait_for_url("**/index.html")
    assert page.locator("h1").inner_text().startswith("Understanding ConvNets")
    assert "what convolutional networks learn" in page.locator(".intro").inner_text()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_claims_computed_value_is_reachable_by_keyboard(browser, site, width):
    context, page, _ = open_page(browser, site, "01-fool.html", width)
    claim = page.locator("article .claim.pass").first
    tip = claim.locator(".tip")
    assert tip.bounding_box()["width"] <= 1, "hidden until asked for"
    # Tab from the top of the page until the claim has focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('article .claim.pass')"):
            break
    else:
        pytest.fail("no documented number takes keyboard focus")
    box = tip.bounding_box()
    assert box["width"] > 50 and tip.is_visible()
    assert "computed 0.04743" in tip.inner_text()
    assert "reproduces" in page.locator("header.lesson .legend").inner_text()
    context.close()


def test_dark_mode_applies(browser, site):
    light_ctx, light, _ = open_page(browser, site, "01-fool.html", 1280)
    dark_ctx, dark, _ = open_page(browser, site, "01-fool.html", 1280, dark=True)
    bg = "() => getComputedStyle(document.body).backgroundColor"
    ink = "() => getComputedStyle(document.body).color"
    card = "() => getComputedStyle(document.querySelector('figure.output.figure svg')).backgroundColor"
    assert light.evaluate(bg) == "rgb(255, 255, 255)"
    assert dark.evaluate(bg) != "rgb(255, 255, 255)"
    lum = lambda c: sum(int(x) for x in c[c.index("(") + 1:c.index(")")].split(",")[:3])
    assert lum(dark.evaluate(bg)) < 150 and lum(dark.evaluate(ink)) > 600
    assert dark.evaluate(card) == "rgb(255, 255, 255)", "figures keep a light card in dark mode"
    light_ctx.close()
    dark_ctx.close()


def test_print_shows_computed_values_and_hides_navigation(browser, site):
    context, page, _ = open_page(browser, site, "01-fool.html", 1280)
    page.emulate_media(media="print")
    assert not page.locator("aside.sidebar").is_visible()
    assert not page.locator("nav.pager").first.is_visible()
    assert page.locator("article .claim.pass .tip").first.bounding_box()["width"] > 50
    context.close()


@pytest.mark.parametrize("name", ["01-fool.html", "02-second.html", "index.html"])
def test_pages_make_no_network_request(browser, site, name):
    context, page, requests = open_page(browser, site, name, 1280)
    page.wait_for_timeout(200)
    context.close()
    assert [u for u in requests if not u.startswith("file://")] == []
    assert requests == [(site / name).as_uri()], f"the page loads only itself: {requests}"


# Every text node of every SVG figure, at the size it is drawn on screen:
# its font size times the scale its SVG is shown at (the screen CTM, which
# includes rotation). Figures inside a scroller count as drawn.
SMALL_TEXT = """() => {
  const out = [];
  let n = 0;
  for (const t of document.querySelectorAll('figure svg text')) {
    const m = t.getScreenCTM();
    if (!m) continue;
    n += 1;
    const px = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (px < 10.95) out.push(t.textContent + ' ' + px.toFixed(1) + 'px');
  }
  return {out, n};
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["01-fool.html", "04-figures.html"])
def test_no_figure_text_is_drawn_below_11_px(browser, site, name, width):
    context, page, _ = open_page(browser, site, name, width)
    result = page.evaluate(SMALL_TEXT)
    context.close()
    assert result["n"] > 0
    assert result["out"] == [], f"figure text below 11 px at {width} px: {result['out'][:10]}"


def test_a_wide_figure_leaves_the_column_on_a_wide_screen(browser, site):
    context, page, _ = open_page(browser, site, "04-figures.html", 1280)
    column = page.locator("main").bounding_box()
    wide = page.locator("section.cell.wide").first.bounding_box()
    context.close()
    assert wide["x"] + wide["width"] > column["x"] + column["width"], "the cell reaches past the text column"
    assert wide["x"] + wide["width"] <= 1280, "but stays on the screen"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_figure_enlarges_on_click_and_by_keyboard(browser, site, width):
    context, page, _ = open_page(browser, site, "04-figures.html", width)
    figure = page.locator("figure.output.figure").nth(3)
    before = figure.locator("svg").bounding_box()["width"]
    figure.locator("label.figure-scroll").click()
    assert figure.locator("input.zoom").is_checked()
    assert page.evaluate("() => getComputedStyle(document.querySelectorAll('figure.output.figure')[3].querySelector('.figure-scroll')).position") == "fixed"
    assert figure.locator("svg").bounding_box()["width"] > before
    figure.locator("label.figure-scroll").click()
    assert not figure.locator("input.zoom").is_checked()
    # Keyboard: the toggle takes focus and Space opens it.
    figure.locator("input.zoom").focus()
    page.keyboard.press("Space")
    assert figure.locator("input.zoom").is_checked()
    context.close()


def test_code_in_other_languages_is_coloured(browser, site):
    context, page, _ = open_page(browser, site, "04-figures.html", 1280)
    keyword = page.locator("pre.code code.language-python .k").first
    assert keyword.inner_text() == "def"
    assert keyword.evaluate("e => getComputedStyle(e).color") != page.evaluate("() => getComputedStyle(document.querySelector('pre.code')).color")


# The explorer (format 1.1, section 9.6), in the second lesson.

def explorer_state(page):
    return page.evaluate("""() => {
      const x = document.querySelector('.explorer');
      const set = [...x.querySelectorAll('.ex-set')].findIndex(s => !s.hidden);
      const top = x.querySelectorAll('.ex-set')[set].querySelectorAll('.ex-crop');
      const patches = top[top.length - 2].querySelector('img');
      return {status: x.querySelector('.ex-status').textContent, set,
              patches: patches.style.transform + ' ' + patches.getBoundingClientRect().top,
              image: [...x.querySelectorAll('.ex-images button')].findIndex(b => b.getAttribute('aria-checked') === 'true'),
              shown: [...x.querySelectorAll('.ex-grid img')].filter(m => !m.hidden).map(m => m.dataset.i)};
    }""")


@pytest.mark.parametrize("width", [1280, 390])
def test_explorer_responds_to_a_click_on_a_unit(browser, site, width):
    context, page, _ = open_page(browser, site, "02-second.html", width)
    before = explorer_state(page)
    assert before["set"] == 0 and before["image"] == 0 and before["shown"] == ["0", "0"]
    # A unit of conv2 near the grid's bottom right: conv2's panels show, at another patch row.
    grid = page.locator(".ex-grid").nth(1)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.8)
    after = explorer_state(page)
    assert after["set"] == 1 and after["status"].startswith("conv2 unit ") and after["patches"] != before["patches"]
    unit = int(after["status"].split()[2].rstrip(":"))
    assert unit > 0
    # Another image: every layer's maps switch to it, the unit stays.
    page.locator(".ex-images button").nth(3).click()
    picked = explorer_state(page)
    assert picked["image"] == 3 and picked["shown"] == ["3", "3"] and picked["status"].startswith(f"conv2 unit {unit}:")
    context.close()


def test_explorer_works_by_keyboard(browser, site):
    context, page, _ = open_page(browser, site, "02-second.html", 1280)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.ex-grid')"):
            break
    else:
        pytest.fail("no layer of the explorer takes keyboard focus")
    grid = page.locator(".ex-grid").first
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "a focus ring"
    start = int(grid.get_attribute("aria-valuenow"))
    before = explorer_state(page)
    page.keyboard.press("ArrowRight" if start < 7 else "ArrowLeft")
    moved = explorer_state(page)
    assert moved["patches"] != before["patches"] and moved["status"] != before["status"]
    page.keyboard.press("End")
    assert grid.get_attribute("aria-valuenow") == "7" and explorer_state(page)["status"].startswith("conv1 unit 7:")
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    assert explorer_state(page)["status"].startswith("conv1 unit 0:")
    # The images are a radio group: arrows move the choice and the focus.
    page.locator(".ex-images button").first.focus()
    page.keyboard.press("ArrowRight")
    assert explorer_state(page)["image"] == 1
    assert page.evaluate("() => document.activeElement.dataset.i") == "1"
    context.close()


def test_explorer_answers_a_tap(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto((site / "02-second.html").as_uri())
    before = explorer_state(page)
    page.locator(".ex-images button").nth(2).tap()
    page.locator(".ex-grid").nth(1).scroll_into_view_if_needed()
    box = page.locator(".ex-grid").nth(1).bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    after = explorer_state(page)
    assert after["image"] == 2 and after["set"] == 1 and after["patches"] != before["patches"]
    context.close()


def test_explorer_without_scripts_is_a_static_picture(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "02-second.html").as_uri())
    shown = page.evaluate("""() => [...document.querySelectorAll('.explorer img')]
        .filter(m => m.getBoundingClientRect().width > 0).map(m => m.complete && m.naturalWidth > 0)""")
    # Six image buttons, two layers' maps, one filter, two panels: the first image's view.
    assert len(shown) == 6 + 2 + 3 and all(shown)
    assert page.locator(".ex-status").inner_text().startswith("conv1 unit ")
    assert "Scripts are off" in page.locator(".explorer").inner_text()
    context.close()


def test_print_pdf_has_no_clipped_code_line(browser, site):
    context, page, _ = open_page(browser, site, "01-fool.html", 1280)
    page.emulate_media(media="print")
    # The A4 column at 96 px an inch, less Chromium's default margins.
    page.set_viewport_size({"width": 700, "height": 1000})
    clipped = page.evaluate("""() => [...document.querySelectorAll('pre')].filter(p =>
        p.scrollWidth > p.clientWidth + 1 || getComputedStyle(p).whiteSpace === 'pre'
        || [...p.querySelectorAll('.line')].some(l => l.getBoundingClientRect().right > p.getBoundingClientRect().right + 1))
        .map(p => p.textContent.slice(0, 60))""")
    assert clipped == [], f"code cut off in print: {clipped}"
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
    context.close()


# Course-wide search: an inline index of lessons and headings in every page.

@pytest.mark.parametrize("width", [1280, 390])
def test_search_finds_lessons_and_headings(browser, site, width):
    context, page, requests = open_page(browser, site, "03-third.html", width)
    if width < 500:
        page.locator("details.menu summary").click()
    box = page.locator(".search input").nth(0 if width > 500 else 1)
    assert box.is_visible()
    box.fill("second")
    assert [li.inner_text() for li in page.locator(".search-results li").all() if li.is_visible()] == ["The second lesson"]
    box.fill("deta")
    hits = page.locator(".search-results a").filter(has_text="A detail")
    assert hits.count() >= 1
    hits.first.click()
    page.wait_for_url("**/01-fool.html#a-detail")
    box = page.locator(".search input").nth(0 if width > 500 else 1)
    if width < 500:
        page.locator("details.menu summary").click()
    box.fill("no such words")
    assert "No lesson or heading" in page.locator(".search-results").nth(0 if width > 500 else 1).inner_text()
    assert [u for u in requests if not u.startswith("file://")] == []
    context.close()
