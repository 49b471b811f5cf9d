# Two commands: `make` installs what is missing, builds and renders the
# lessons; `make test` installs, runs the unit tests, fuzzes each fuzz target
# for a bounded time, runs the browser test of `lectern preview` and the
# remote-cache test against a real nginx, and checks every lesson (the
# check's tally stays the last line).

DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libpng-dev \
                libopenblas-dev liblapacke-dev zlib1g-dev dataset-fashion-mnist katex pkg-config
# The browser test drives Debian's Chromium (Playwright's own browser download
# does not work here) with Playwright and pytest from PyPI.
BROWSER_DEB_PACKAGES := chromium
# The remote-cache test serves the cache from Debian's nginx (WebDAV PUT is
# built into every flavour); any nginx already installed will do.
REMOTE_DEB_PACKAGES := nginx-light
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
LECTERN := .build/release/lectern
# The fuzzers (Fuzz/, docs/fuzzing.md): every module built with libFuzzer's
# coverage instrumentation and AddressSanitizer, in a build folder of its own.
FUZZ_BUILD := $(CURDIR)/.build-fuzz
FUZZ_TARGETS := lesson language decoders
FUZZ_SECONDS ?= 35
FUZZ_SWIFTFLAGS := -Xswiftc -sanitize=fuzzer,address

.PHONY: all deps browser-deps remote-deps build render test unit browser-test remote-cache-test check bench clean fuzz fuzz-build

all: render

# Installs only what dpkg does not already have, so a ready machine pays nothing.
install-missing = @missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps:
	$(call install-missing,$(DEB_PACKAGES))

browser-deps:
	$(call install-missing,$(BROWSER_DEB_PACKAGES))
	@$(PYTHON) -c "import playwright, pytest" 2>/dev/null || $(PYTHON) -m pip install -q playwright pytest

remote-deps:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  echo "installing: $(REMOTE_DEB_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(REMOTE_DEB_PACKAGES); }
	@$(PYTHON) -c "import pytest" 2>/dev/null || $(PYTHON) -m pip install -q pytest

build: deps
	$(SWIFT) build -c release --product lectern

render: build
	$(LECTERN) render lessons --out output

unit: deps
	$(SWIFT) test

check: build
	$(LECTERN) check --strict lessons

fuzz-build: deps
	$(SWIFT) build --package-path Fuzz --build-path $(FUZZ_BUILD) -c debug $(FUZZ_SWIFTFLAGS)

fuzz: fuzz-build
	Fuzz/run.sh $(FUZZ_BUILD)/debug $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# pytest's status passes through; 5 (nothing collected) is a failure here too.
browser-test: build browser-deps
	@LECTERN=$(LECTERN) $(PYTHON) -m pytest -q -s Tests/Browser; status=$$?; \
	if [ $$status = 5 ]; then echo "browser-test: pytest collected no tests" >&2; exit 1; fi; exit $$status

# The real lectern against nginx on 127.0.0.1 (Tests/RemoteCache): a fresh
# clone trains nothing, damaged entries are recomputed, shards merge.
remote-cache-test: build remote-deps
	@LECTERN=$(LECTERN) $(PYTHON) -m pytest -q -s Tests/RemoteCache; status=$$?; \
	if [ $$status = 5 ]; then echo "remote-cache-test: pytest collected no tests" >&2; exit 1; fi; exit $$status

# In this order (make runs prerequisites left to right), so the check's
# tally is the last line CI reads.
test: unit fuzz browser-test remote-cache-test check

bench: build
	$(LECTERN) bench

clean:
	rm -rf .build .build-fuzz .lectern-cache output/*.html
