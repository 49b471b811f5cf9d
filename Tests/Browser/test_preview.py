"""`lectern preview` in a real browser: headless Debian Chromium driven by
Playwright loads a previewed page, the lesson file is edited on disk, and the
open tab must reload by itself and show the new text.

Run with `make browser-test` (builds .build/release/lectern first), or
`LECTERN=path/to/lectern python3 -m pytest -s Tests/Browser`.
Timings are printed, never asserted.
"""
import os
import pathlib
import socket
import subprocess
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
LECTERN = os.path.abspath(os.environ.get("LECTERN", str(ROOT / ".build/release/lectern")))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def lesson(prose, block="x = 2 + 3\nexpect x == 5"):
    return f"---\ntitle: Intro\n---\n# Intro\n\n{prose}\n\n```experiment\n{block}\n```\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "lectern.yml").write_text("")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "intro.md").write_text(lesson("The first draft of the prose."))
    return tmp_path


@pytest.fixture
def preview(project):
    port = free_port()
    log = open(project / "preview.log", "w")
    proc = subprocess.Popen([LECTERN, "preview", "lessons", "--port", str(port)],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            if b"first draft" in urllib.request.urlopen(base + "intro.html", timeout=2).read():
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("lectern preview did not serve the page: " + (project / "preview.log").read_text())
        time.sleep(0.05)
    yield base
    proc.terminate()
    try:
        status = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = proc.wait()
    log.close()
    assert status == 0, "SIGTERM stops the preview with status 0"


@pytest.fixture
def browser():
    with sync_playwright() as p:
        # Root cannot run Chromium's sandbox; the pages are our own.
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def save(project, text):
    (project / "lessons" / "intro.md").write_text(text)
    return time.monotonic()


def test_saving_reloads_the_open_page(project, preview, browser):
    page = browser.new_page()
    page.goto(preview + "intro.html")
    page.get_by_text("first draft").wait_for()
    timings = []
    for n, word in enumerate(["second", "third", "fourth"]):
        saved = save(project, lesson(f"The {word} draft of the prose."))
        page.get_by_text(f"{word} draft").wait_for(timeout=10_000)
        timings.append(time.monotonic() - saved)
    print("\nsave-to-reload, prose edit: " + ", ".join(f"{t * 1000:.0f} ms" for t in timings))


def test_only_the_changed_page_reloads(project, preview, browser):
    index = browser.new_page()
    index.goto(preview)
    index.evaluate("window.untouched = true")
    page = browser.new_page()
    page.goto(preview + "intro.html")
    save(project, lesson("A prose edit the index does not show."))
    page.get_by_text("index does not show").wait_for(timeout=10_000)
    time.sleep(0.5)
    assert index.evaluate("window.untouched === true"), "the index tab did not reload"


def test_errors_show_in_the_browser(project, preview, browser):
    page = browser.new_page()
    page.goto(preview + "intro.html")
    save(project, lesson("A block that fails.", block="y = nosuch(1)"))
    page.get_by_text("A block that fails.").wait_for(timeout=10_000)
    assert "lessons/intro.md:9:5 error: unknown function 'nosuch'" in page.inner_text("body")

    save(project, "---\ntitle: T\nseeed: 4\n---\n# T\n")
    page.get_by_text("did not load").wait_for(timeout=10_000)
    assert "intro.md:3:1: error: unknown front matter key" in page.inner_text("body")

    save(project, lesson("Fixed again."))
    page.get_by_text("Fixed again.").wait_for(timeout=10_000)
