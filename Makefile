# Two commands: `make` installs what is missing, builds and renders the
# lessons; `make test` installs, runs the unit tests and checks every lesson.

DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libpng-dev \
                libopenblas-dev liblapacke-dev zlib1g-dev dataset-fashion-mnist katex pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
LECTERN := .build/release/lectern

.PHONY: all deps build render test unit check bench clean

all: render

# Installs only what dpkg does not already have, so a ready machine pays nothing.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product lectern

render: build
	$(LECTERN) render lessons --out output

unit: deps
	$(SWIFT) test

check: build
	$(LECTERN) check lessons

test: unit check

bench: build
	$(LECTERN) bench

clean:
	rm -rf .build .lectern-cache output/*.html
