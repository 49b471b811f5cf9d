"""The remote cache and sharding, tested as a user would: the real `lectern`
(LECTERN, a release build) against a real nginx on 127.0.0.1 (nginx_cache.py).

A small project whose lessons train a tiny network is rendered against the
server; a fresh copy of it, elsewhere, renders again with no training (its
report says every page came from the remote); then every entry on the server
is damaged, and the next fresh copy recomputes and repairs them."""

import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from nginx_cache import Nginx

LECTERN = os.path.abspath(os.environ.get("LECTERN", ".build/release/lectern"))

TINY = """# {title}

```experiment id=data
labels = arange(36) % 3
onehot = reshape(labels, [36, 1]) == arange(3)
patterns = [[1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]]
ds = dataset(reshape(onehot @ patterns + 0.3 * randn([36, 16], seed=5), [36, 1, 4, 4]), labels)
net = cnn("INPUT 4x4x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> SOFTMAX", seed={seed})
```

```experiment id=train
m = train(net, ds, epochs={epochs}, batch=8, lr=0.05, seed=3)
steps = m.history.steps
```

It trained for `= steps == {steps}` steps.
"""


def write_project(folder: Path, lessons=3, failing=False):
    """A course of `lessons` tiny lessons, each training its own network."""
    (folder / "lessons").mkdir(parents=True)
    (folder / "lectern.yml").write_text("title: Tiny course\n")
    for i in range(1, lessons + 1):
        steps = 5 * i if not (failing and i == 2) else 999
        (folder / "lessons" / f"0{i}-tiny.md").write_text(TINY.format(title=f"Tiny {i}", seed=i, epochs=i, steps=steps))
    return folder


def fresh_copy(source: Path, target: Path):
    """What a clone has: the lessons and lectern.yml, no .lectern-cache/, no pages."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lectern-cache", "out", "*.json"))
    return target


def lectern(cwd: Path, *args, env=None, check=True):
    run = subprocess.run([LECTERN, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                         env={**os.environ, **(env or {})})
    if check and run.returncode != 0:
        raise AssertionError(f"lectern {' '.join(args)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
    return run


def render(cwd: Path, url=None, *extra, env=None):
    args = ["render", "lessons", "--out", "out", "--json", "report.json", "--jobs", "1", *extra]
    if url:
        args += ["--cache-url", url]
    run = lectern(cwd, *args, env=env)
    return json.loads((cwd / "report.json").read_text()), run


def pages(folder: Path):
    return {p.name: p.read_bytes() for p in sorted((folder / "out").glob("*.html"))}


@pytest.fixture
def nginx(tmp_path):
    server = Nginx(tmp_path / "nginx").start()
    yield server
    server.stop()


def test_a_fresh_clone_trains_nothing_and_damaged_entries_are_recomputed(tmp_path, nginx):
    first = write_project(tmp_path / "first")
    report, _ = render(first, nginx.url)
    assert [l["cache"]["page"] for l in report["lessons"]] == ["computed"] * 3
    assert sum(l["cache"]["memos"]["computed"] for l in report["lessons"]) == 3  # one network each
    assert report["failed"] == 0 and report["errors"] == 0
    assert nginx.entries("ac") and nginx.entries("cas")
    expected_pages = pages(first)

    # A fresh clone elsewhere: every page from the remote, nothing trained, the same pages.
    clone = fresh_copy(first, tmp_path / "clone")
    report, run = render(clone, nginx.url)
    for lesson in report["lessons"]:
        assert lesson["cache"]["page"] == "remote", lesson["path"]
        assert lesson["cache"]["memos"] == {"local": 0, "remote": 0, "computed": 0}
        assert all(b["from"] == "remote" for b in lesson["blocks"])
    assert "from the remote cache" in run.stdout
    assert pages(clone) == expected_pages

    # Damage every entry on the server: flipped bytes, a truncation, one
    # entry's bytes under another's name, an empty file.
    entries = nginx.entries("ac") + nginx.entries("cas")
    originals = {p: p.read_bytes() for p in entries}
    for i, path in enumerate(entries):
        data = bytearray(originals[path])
        if i % 4 == 0:
            data[len(data) // 2] ^= 0x40
        elif i % 4 == 1:
            data = data[: len(data) // 2]
        elif i % 4 == 2:
            data = bytearray(originals[entries[(i + 1) % len(entries)]])
        else:
            data = bytearray()
        path.write_bytes(bytes(data))
    damaged = {p: p.read_bytes() for p in entries}

    again = fresh_copy(first, tmp_path / "again")
    report, _ = render(again, nginx.url)
    for lesson in report["lessons"]:
        assert lesson["cache"]["page"] == "computed", lesson["path"]
        assert lesson["cache"]["memos"]["computed"] == 1, lesson["path"]
    assert report["failed"] == 0 and report["errors"] == 0
    assert pages(again) == expected_pages
    # Repaired on the server: every damaged entry was written anew...
    assert all(p.read_bytes() != damaged[p] for p in entries)
    # ...and the next clone reads them.
    last = fresh_copy(first, tmp_path / "last")
    report, _ = render(last, nginx.url)
    assert [l["cache"]["page"] for l in report["lessons"]] == ["remote"] * 3


def test_credentials_come_from_the_environment_and_are_never_shown(tmp_path, nginx):
    first = write_project(tmp_path / "first", lessons=1)
    private = nginx.url + "private/"
    auth = {"LECTERN_CACHE_AUTH": f"{nginx.user}:{nginx.password}"}
    report, run = render(first, private, env=auth)
    assert report["lessons"][0]["cache"]["page"] == "computed"
    assert nginx.entries("ac"), "nothing was stored through the authenticated location"

    clone = fresh_copy(first, tmp_path / "clone")
    report, run2 = render(clone, private, env=auth)
    assert report["lessons"][0]["cache"]["page"] == "remote"
    for folder, r in [(first, run), (clone, run2)]:
        shown = r.stdout + r.stderr + "".join(p.read_text() for p in (folder / "out").glob("*.html"))
        cached = b"".join(p.read_bytes() for p in (folder / ".lectern-cache").rglob("*") if p.is_file())
        assert nginx.password not in shown and nginx.password.encode() not in cached

    # Without the credentials: refused, one warning, computed locally, a green run.
    other = fresh_copy(first, tmp_path / "other")
    report, run = render(other, private)
    assert report["lessons"][0]["cache"]["page"] == "computed"
    assert run.stderr.count("warning: remote cache") == 1

    # A URL with a password in it is refused outright: it would be printed and committed.
    bad = lectern(other, "check", "lessons", "--cache-url", f"http://u:{nginx.password}@127.0.0.1:{nginx.port}/", check=False)
    assert bad.returncode == 2 and nginx.password not in bad.stdout + bad.stderr


def test_a_dead_or_silent_remote_costs_one_warning(tmp_path):
    project = write_project(tmp_path / "project", lessons=2)
    # Nothing listens on this port.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    report, run = render(project, f"http://127.0.0.1:{dead}/")
    assert run.stderr.count("warning: remote cache") == 1, run.stderr
    assert "connection refused" in run.stderr
    assert report["failed"] == 0 and report["errors"] == 0

    # A server that accepts connections and never answers: the probe gives up after a few seconds.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    held = []
    stop = threading.Event()

    def accept():
        silent.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(silent.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        clone = fresh_copy(project, tmp_path / "clone")
        report, run = render(clone, f"http://127.0.0.1:{silent.getsockname()[1]}/")
        assert run.stderr.count("warning: remote cache") == 1, run.stderr
        assert "no answer within 3 s" in run.stderr
        assert [l["cache"]["page"] for l in report["lessons"]] == ["computed"] * 2
    finally:
        stop.set()
        thread.join()
        for c in held:
            c.close()
        silent.close()


def test_read_only_stores_nothing(tmp_path, nginx):
    project = write_project(tmp_path / "project", lessons=1)
    render(project, nginx.url, "--cache-read-only")
    assert not nginx.entries("ac") and not nginx.entries("cas")
    assert " PUT " not in nginx.access_log()
    # cache_url and cache_read_only in lectern.yml do the same as the flags.
    clone = fresh_copy(project, tmp_path / "clone")
    (clone / "lectern.yml").write_text(f"title: Tiny course\ncache_url: {nginx.url}\ncache_read_only: true\n")
    report, _ = render(clone)
    assert report["lessons"][0]["cache"]["page"] == "computed"
    assert not nginx.entries("ac")
    (clone / "lectern.yml").write_text(f"title: Tiny course\ncache_url: {nginx.url}\n")
    shutil.rmtree(clone / ".lectern-cache")
    render(clone)
    assert nginx.entries("ac")


def strip_times(report):
    for lesson in report["lessons"]:
        lesson["seconds"] = 0
        for block in lesson["blocks"]:
            block["seconds"] = 0
    return report


def test_two_shards_merged_give_the_report_of_one_run(tmp_path):
    whole = write_project(tmp_path / "whole", failing=True)
    single = lectern(whole, "check", "lessons", "--json", "whole.json", check=False)
    assert single.returncode == 1  # lesson 2's claim fails: the exit code must survive the merge

    sharded = fresh_copy(whole, tmp_path / "sharded")
    runs = [lectern(sharded, "check", "lessons", "--shard", f"{k}/2", "--json", f"shard{k}.json", check=False) for k in (1, 2)]
    shards = [json.loads((sharded / f"shard{k}.json").read_text()) for k in (1, 2)]
    assert [s["shard"] for s in shards] == ["1/2", "2/2"]
    names = [sorted(l["path"] for l in s["lessons"]) for s in shards]
    assert sorted(names[0] + names[1]) == ["lessons/01-tiny.md", "lessons/02-tiny.md", "lessons/03-tiny.md"]
    assert not set(names[0]) & set(names[1])

    merge = lectern(sharded, "report", "merge", "shard2.json", "shard1.json", "--json", "merged.json",
                    "--expect", "lessons", "--timings", "lectern-timings.json", check=False)
    assert merge.returncode == single.returncode
    assert merge.stdout.strip().splitlines()[-1] == single.stdout.strip().splitlines()[-1]
    merged = json.loads((sharded / "merged.json").read_text())
    expected = json.loads((whole / "whole.json").read_text())
    assert strip_times(merged) == strip_times(expected)

    # The recorded times now decide the split, the same way on every machine.
    timings = json.loads((sharded / "lectern-timings.json").read_text())
    assert sorted(timings["seconds"]) == sorted(names[0] + names[1])
    for k in (1, 2):
        lectern(sharded, "check", "lessons", "--shard", f"{k}/2", "--json", f"timed{k}.json", check=False)
    timed = [sorted(l["path"] for l in json.loads((sharded / f"timed{k}.json").read_text())["lessons"]) for k in (1, 2)]
    assert sorted(timed[0] + timed[1]) == sorted(names[0] + names[1]) and not set(timed[0]) & set(timed[1])

    # A lesson in two reports, or one in none with --expect: an error, exit 2.
    twice = lectern(sharded, "report", "merge", "shard1.json", "shard1.json", "merged.json", check=False)
    assert twice.returncode == 2 and "is in two reports" in twice.stderr
    missing = lectern(sharded, "report", "merge", "shard1.json", "--expect", "lessons", check=False)
    assert missing.returncode == 2 and "no report has" in missing.stderr
