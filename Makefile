# MechSim: the two commands of the README.
#   make demo   install libglpk-dev if missing, build in release mode, run scenarios/quickstart.yaml
#   make test   install libglpk-dev if missing, run the whole test suite, then build and run the
#               library example in Examples/ and compare its output with Examples/expected-output.txt
#   make docs   build the DocC catalogs of Solvers, Mechanisms and Sim into docs-site/ (part of make test)
#   make test-html  open the --html page of one scenario of each family in headless Chromium and check
#               the rendered numbers and a screenshot (part of make test; skipped without chromium)
#   make browser-setup  install Debian's chromium with apt-get if missing (CI runs it before make test)
#   make test-cluster  build in release mode, start a single-node Slurm cluster on this machine
#               (installs slurm-wlm and munge if missing; needs root), run one scenario of each
#               family as a 4-shard job array and check the merged bytes against a single run
#   make fuzz   build the libFuzzer targets of Fuzz/ (one per input reader, with AddressSanitizer) and
#               run each for FUZZ_SECONDS (default 300); make fuzz-smoke runs each for 20 s (part of
#               make test); see docs/reliability.md
#   make test-sanitize  build and run the tests under AddressSanitizer (every suite, in .build-asan)
#               and under ThreadSanitizer (the engine, solver and determinism suites, in .build-tsan)
#   make bench  also install numpy and scipy for python3 if missing (the baselines in
#               bench/baselines/), build in release mode and run every workload;
#               make bench BENCH_FLAGS=--compare runs the baselines side by side
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift

.PHONY: setup bench-setup browser-setup build demo test test-html docs test-cluster bench clean fuzz-build fuzz fuzz-smoke test-sanitize

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
	SWIFT="$(SWIFT)" scripts/check-docs.sh
	$(MAKE) test-html
	$(MAKE) docs
	$(MAKE) fuzz-smoke

# The --html page in a real browser (scripts/test-html.sh); prints "skipped" without chromium.
test-html: setup
	$(SWIFT) build --product mechsim
	MECHSIM=.build/debug/mechsim scripts/test-html.sh

browser-setup:
	@if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
	  echo "installing chromium with apt-get (for make test-html)" >&2; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; \
	fi

# The DocC catalogs of Solvers, Mechanisms and Sim as static sites under docs-site/ (open
# docs-site/<Module>/documentation/<module>/index.html through a web server). A broken symbol
# link or any other DocC warning fails the build.
docs: setup
	rm -rf docs-site && mkdir -p docs-site
	for m in Solvers Mechanisms Sim; do \
	  $(SWIFT) package --allow-writing-to-directory docs-site generate-documentation --target $$m \
	    --output-path docs-site/$$m --transform-for-static-hosting --hosting-base-path $$m --warnings-as-errors \
	    || exit 1; \
	done

# The fuzz targets link libFuzzer and AddressSanitizer into a release build of Sim; their build
# directory is Fuzz/.build, apart from the package's. Crashers: Fuzz/.build/crashes/<reader>/.
FUZZ_SECONDS ?= 300
fuzz-build: setup
	$(SWIFT) build -c release --package-path Fuzz --sanitize fuzzer --sanitize address

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh

# The smoke run inside make test uses a debug build of the fuzz targets (about 4x quicker to
# build than release; still instrumented for libFuzzer and AddressSanitizer).
fuzz-smoke: setup
	$(SWIFT) build --package-path Fuzz --sanitize fuzzer --sanitize address
	FUZZ_SECONDS=20 FUZZ_BIN=Fuzz/.build/debug Fuzz/run.sh

# AddressSanitizer over the whole suite (leaks in GLPK, XCTest and Foundation suppressed, see
# scripts/lsan-suppressions.txt); ThreadSanitizer over the library suites that run work on
# threads (the parallel engine, GLPK's thread confinement, results across threads and shards):
# the end-to-end suites, which start mechsim hundreds of times, are left out to keep CI's time
# down. Build paths apart from .build.
TSAN_SUITES := SimTests.(ParallelEngineTests|EngineTests|ClusterTests|BanditBlockTests|StrategicBanditEngineTests|DerandomizedStudyTests)|SolversTests.(ParallelDeterminismTests|GLPKSolverTests)
test-sanitize: setup
	$(SWIFT) build --build-tests --build-path .build-asan --sanitize address
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt \
	  $(SWIFT) test --skip-build --build-path .build-asan --sanitize address
	$(SWIFT) build --build-tests --build-path .build-tsan --sanitize thread
	$(SWIFT) test --skip-build --build-path .build-tsan --sanitize thread --filter '$(TSAN_SUITES)'

test-cluster: build
	MECHSIM=.build/release/mechsim scripts/test-cluster.sh

bench-setup:
	@if ! python3 -c 'import numpy, scipy' 2>/dev/null; then \
	  echo "installing python3-numpy and python3-scipy with apt-get" >&2; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 python3-numpy python3-scipy; \
	fi
	@python3 -c 'import numpy, scipy' 2>/dev/null || { \
	  echo "python3 on PATH ($$(command -v python3)) has no numpy or scipy: run python3 -m pip install numpy scipy" >&2; exit 1; }

bench: build bench-setup
	.build/release/mechsim bench $(BENCH_FLAGS)

clean:
	rm -rf .build
