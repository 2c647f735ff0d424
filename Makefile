# Two commands do everything on a fresh Debian 12 machine with Swift 6.3:
#   make serve   install system packages, build (release), run the server on 127.0.0.1:8420 with rules/
#   make test    install system packages, build and run every test
SWIFT ?= swift
PORT ?= 8420
HOST ?= 127.0.0.1
# A non-loopback HOST needs SERVE_ARGS="--token-file PATH" (or a deliberate --insecure).
SERVE_ARGS ?=

.PHONY: setup build serve test bench clean

setup:
	@scripts/setup-debian

build: setup
	$(SWIFT) build -c release --product assay

serve: build
	.build/release/assay serve --host $(HOST) --port $(PORT) --rules rules --cache var/assay-cache.sqlite $(SERVE_ARGS)

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	PYTHONPATH=clients/python ASSAY_BIN=$(CURDIR)/.build/debug/assay /usr/bin/python3 -m pytest -q clients/python/tests
	scripts/check-deploy-sync
	ASSAY_BIN=$(CURDIR)/.build/debug/assay scripts/test-deploy
	ASSAY_BIN=$(CURDIR)/.build/debug/assay scripts/harden --quick

bench: build
	scripts/bench-server

clean:
	rm -rf .build var
