#!/usr/bin/env python3
"""Writes the generated part of the seed corpus (Fuzz/Corpus/): the lessons'
experiment blocks, the lessons trimmed to front matter, headings and blocks,
string literals from the tests (the bad-input lessons, language scripts),
the known reproducers, and valid cache entries for the decoders. Hand-made
seeds live beside them; rerunning this rewrites only files it names."""
import hashlib, json, os, re, struct, sys, textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Fuzz", "Corpus")

def put(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)

FENCE = re.compile(r"^```experiment[^\n]*\n(.*?)^```", re.S | re.M)

# Lessons: blocks for `language`, trimmed lessons for `lesson`.
for name in sorted(os.listdir(os.path.join(ROOT, "lessons"))):
    if not name.endswith(".md"):
        continue
    text = open(os.path.join(ROOT, "lessons", name), encoding="utf-8").read()
    stem = name[:-3]
    for i, m in enumerate(FENCE.finditer(text)):
        put("language", f"{stem}-block{i + 1}", m.group(1))
    keep, in_fence, in_front = [], False, text.startswith("---\n")
    for n, line in enumerate(text.split("\n")):
        if in_front:
            keep.append(line)
            if n > 0 and line == "---":
                in_front = False
            continue
        if line.startswith("```"):
            in_fence = not in_fence
            keep.append(line)
        elif in_fence or line.startswith("#") or "`= " in line or "$" in line:
            keep.append(line)
    put("lesson", f"{stem}-trimmed.md", "\n".join(keep) + "\n")

# String literals in the tests: lessons from Notebook's, scripts from Lab's.
LITERAL = re.compile(r'"""\n(.*?)\n\s*"""', re.S)
for folder, target in [("Tests/NotebookTests", "lesson"), ("Tests/LabTests", "language")]:
    for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
        for f in sorted(files):
            if not f.endswith(".swift"):
                continue
            src = open(os.path.join(dirpath, f), encoding="utf-8").read()
            for i, m in enumerate(LITERAL.finditer(src)):
                body = textwrap.dedent(m.group(1)).replace('\\"', '"').replace("\\\\", "\\")
                if "\\(" in body:
                    continue  # interpolated: not the text the test ran
                put(target, f"test-{f[:-6]}-{i + 1}", body + "\n")

# The known reproducers (see Fuzz/README.md), as lessons and, where they are
# language-level, as blocks.
def lesson_with(block, title="Reproducer"):
    return f"# {title}\n\n```experiment id=repro\n{block}```\n"

blocks = {
    "repro-cnn-predict-batch": 'net = cnn("INPUT 28x28x1 -> CONV3-4 -> RELU -> POOL2 -> FC-10 -> SOFTMAX", seed=1)\n'
                               "predict(net, zeros([25, 1, 28, 28]))\n",
    "repro-deep-value": "a = 0\n" + "a = [[[[a]]]]\n" * 1500 + "a\n",
    "repro-flat-sum-130": " + ".join(["1"] * 130) + "\n",
    "repro-nested-brackets-61": "x = " + "[" * 61 + "1" + "]" * 61 + "\n",
    "repro-expect-infinite": "i = 1 / 0\nexpect i == i\n",
}
for name, block in blocks.items():
    put("language", name, block)
    put("lesson", name + ".md", lesson_with(block))
put("lesson", "repro-nested-quotes-10k.md", "# Quotes\n\n" + ">" * 10000 + " deep\n")
put("lesson", "repro-nested-lists-10k.md", "# Lists\n\n" + "- " * 10000 + "item\n")
put("lesson", "repro-stars-20k.md", "# Stars\n\n" + "*" * 20000 + "\n")
put("lesson", "repro-duplicate-ids.md",
    "# Dup\n\n```experiment id=a\nx = 1\n```\n\n```experiment id=a\ny = 2\n```\n")
put("lesson", "repro-bad-front-matter.md", "---\ntitle: [unclosed\nseed: -1\nbogus: 1\n---\n# T\n")
put("lesson", "repro-front-matter-unknown-key.md", "---\ntitle: T\ncolour: red\n---\n# T\n")
put("lesson", "repro-nul-bytes.md", b"# N\n\nabc\x00def\n")
put("lesson", "repro-bad-utf8.md", b"# U\n\nab\xff\xfecd\n\xed\xa0\x80\n")

# Decoders: intact cache entries of each format, and a page-cache entry.
def fnv(b):
    h = 0xcbf29ce484222325
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return struct.pack("<Q", h)

def record(fields):
    b = b"LECTERNR" + struct.pack("<II", 1, len(fields))
    for name, value in fields:
        n = name.encode()
        b += struct.pack("<I", len(n)) + n
        if isinstance(value, float):
            b += b"\x00" + struct.pack("<d", value)
        else:
            shape, values = value
            b += b"\x01" + struct.pack("<I", len(shape)) + b"".join(struct.pack("<Q", d) for d in shape)
            b += b"".join(struct.pack("<f", v) for v in values)
    return b + fnv(b)

put("decoders", "record-number", record([("accuracy", 0.5)]))
put("decoders", "record-tensor", record([("loss", 1.25), ("map", ([2, 3], [0, 1, 2, 3, 4, 5]))]))
put("decoders", "record-empty", record([]))

def model(description, params, history=None):
    header = {"description": description, "parameters": params}
    if history is not None:
        header["history"] = history
    j = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    b = b"LECTERNM" + struct.pack("<II", 1, len(j)) + j + b"".join(struct.pack("<f", 0.01 * i) for i in range(params))
    return b + fnv(b)

put("decoders", "model-fc", model("INPUT 2x2x1 -> FC-2", 10))
put("decoders", "model-conv", model("INPUT 4x4x1 -> CONV3-2 -> RELU -> FC-3 -> SOFTMAX", 2 * 9 + 2 + 32 * 3 + 3))
put("decoders", "page-entry.json", json.dumps({
    "key": "0" * 64, "inputs": {"/tmp/x": "missing"}, "html": "<p>x</p>", "warnings": ["w"],
    "report": {"path": "lessons/a.md", "title": "A", "blocks": [], "claims": []},
    "diagnostics": [{"file": "lessons/a.md", "line": 1, "column": 2, "message": "m"}]}))
