# MechSim: the two commands of the README.
#   make demo   install libglpk-dev if missing, build in release mode, run scenarios/quickstart.yaml
#   make test   install libglpk-dev if missing, run the whole test suite, then build and run the
#               library example in Examples/ and compare its output with Examples/expected-output.txt
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift

.PHONY: setup build demo test bench clean

setup:
	@if [ ! -f /usr/include/glpk.h ]; then \
	  echo "installing libglpk-dev and glpk-utils with apt-get" >&2; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libglpk-dev glpk-utils; \
	fi

build: setup
	$(SWIFT) build -c release --product mechsim

demo: build
	.build/release/mechsim run scenarios/quickstart.yaml

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	SWIFT="$(SWIFT)" Examples/check-output.sh

bench: build
	.build/release/mechsim bench

clean:
	rm -rf .build
