# Makefile: builds liblogis (static and shared), the logis CLI, the tests and the benchmark.
# `make demo` installs missing Debian packages, builds and plans the FAAR sample; `make test`
# runs every suite, also under AddressSanitizer and UndefinedBehaviorSanitizer.

# The version is written once, in include/logis.h.
VERSION := $(shell awk '/^\#define LOGIS_VERSION_(MAJOR|MINOR|PATCH) / { v = v s $$3; s = "." } \
                        END { print v }' include/logis.h)
SOVERSION := 0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATAROOTDIR ?= $(PREFIX)/share
MANDIR ?= $(DATAROOTDIR)/man
SCHEMADIR ?= $(DATAROOTDIR)/logis/schema
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL ?= install

CC ?= cc
WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2
# The release build defines NDEBUG, which compiles LOGIS_ASSERT to nothing (base/check.h); a build
# with CFLAGS of its own (test-sanitize, fuzz, test-alloc) checks every assertion.
CFLAGS ?= -O2 -g -DNDEBUG
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -Iinclude -I. \
              $(shell pkg-config --cflags libcjson 2>/dev/null)
LIBS := -lglpk $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson) -lm -pthread
CUNIT_LIBS := $(shell pkg-config --libs cunit 2>/dev/null || echo -lcunit)

# The library's layers, lowest first: each includes only the ones before it (tools/check-layers).
LAYERS := base domain formats solver analysis report
LIB_SOURCES := $(foreach layer,$(LAYERS),$(wildcard $(layer)/*.c))
LIB_HEADERS := $(foreach layer,$(LAYERS),$(wildcard $(layer)/*.h))
CLI_SOURCES := $(wildcard cli/*.c)
TEST_SOURCES := $(wildcard tests/*.c)

BUILD ?= build
LIB_OBJECTS := $(LIB_SOURCES:%.c=$(BUILD)/%.o)
PIC_OBJECTS := $(LIB_SOURCES:%.c=$(BUILD)/pic/%.o)
CLI_OBJECTS := $(CLI_SOURCES:%.c=$(BUILD)/%.o)
TEST_OBJECTS := $(TEST_SOURCES:%.c=$(BUILD)/%.o)

STATIC_LIB := $(BUILD)/liblogis.a
INTERNAL_LIB := $(BUILD)/liblogis-internal.a
SHARED_LIB := $(BUILD)/liblogis.so.$(VERSION)
LOGIS := $(BUILD)/logis
TEST_RUNNER := $(BUILD)/test_logis
GENERATOR := $(BUILD)/gen_scenario

.PHONY: all lib test test-unit test-cli test-sanitize test-valgrind demo bench deps clean fuzz

all: $(LOGIS) $(STATIC_LIB) $(SHARED_LIB)

lib: $(STATIC_LIB) $(SHARED_LIB)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -MMD -MP -c $< -o $@

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

# The installed static library is one relocatable object whose hidden symbols are made local:
# only the logis_* API is global, so a program may define its own date_parse or json_string.
# The tests, which call internal functions, link the plain archive of the objects instead.
$(STATIC_LIB): $(LIB_OBJECTS)
	$(LD) -r -o $(BUILD)/liblogis.o $^
	objcopy --localize-hidden $(BUILD)/liblogis.o
	rm -f $@ && $(AR) rcs $@ $(BUILD)/liblogis.o

$(INTERNAL_LIB): $(LIB_OBJECTS)
	rm -f $@ && $(AR) rcs $@ $^

$(SHARED_LIB): $(PIC_OBJECTS)
	$(CC) -shared -Wl,-soname,liblogis.so.$(SOVERSION) -o $@ $^ $(LIBS)

# The CLI is built against the public header alone (tools/check-layers keeps it to logis.h and
# cli/).
$(BUILD)/cli/%.o: cli/%.c cli/cli.h include/logis.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -Iinclude -I. -MMD -MP -c $< -o $@

$(LOGIS): $(CLI_OBJECTS) $(STATIC_LIB)
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJECTS) $(STATIC_LIB) $(LIBS)

# rename is wrapped so that the files suite can make one fail (tests/test_files.c)
$(TEST_RUNNER): $(TEST_OBJECTS) $(INTERNAL_LIB)
	$(CC) $(CFLAGS) -Wl,--wrap=rename -o $@ $(TEST_OBJECTS) $(INTERNAL_LIB) $(CUNIT_LIBS) $(LIBS)

$(GENERATOR): bench/gen_scenario.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -o $@ $< -lm

.PHONY: test-layers
test-layers:
	tools/check-layers

test-unit: $(TEST_RUNNER)
	$(TEST_RUNNER)

test-cli: $(LOGIS)
	tests/cli/run.sh $(LOGIS)

# The CLI cases again with every run of logis under valgrind: no invalid access, no leak.
# Two shards at once (valgrind is single-threaded), each logged, then shown in order.
test-valgrind: $(LOGIS)
	@status=0; pids=; for shard in 0 1; do \
	    VALGRIND=1 CLI_SHARD=$$shard/2 tests/cli/run.sh $(LOGIS) \
	        >$(BUILD)/valgrind-$$shard.log 2>&1 & \
	    pids="$$pids $$!"; \
	done; \
	for pid in $$pids; do wait $$pid || status=1; done; \
	cat $(BUILD)/valgrind-0.log $(BUILD)/valgrind-1.log; exit $$status

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer and with the
# assertions on (no NDEBUG: base/check.h).
SANITIZE_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
                   -fno-sanitize-recover=all

test-sanitize:
	$(MAKE) BUILD=$(BUILD)/sanitize CFLAGS="$(SANITIZE_CFLAGS)" test-unit test-cli

# `make test` first installs what the suites need (tools/deps test, as `make demo` does), then
# runs them in a fresh make that sees the installed packages.
test: test-deps
	$(MAKE) test-suites

.PHONY: test-deps
test-deps:
	tools/deps test

.PHONY: test-suites
test-suites: test-layers test-unit test-cli test-readme test-matching test-install test-schema \
             test-report test-sanitize test-valgrind

# Plans of generated scenarios with scores, quotas and links, checked by an independent checker.
.PHONY: test-matching
test-matching: $(LOGIS)
	tests/matching/plans_keep_rules.sh $(LOGIS)

# The README's examples, run in order from a scratch folder: their output must be what it shows.
.PHONY: test-readme
test-readme: $(LOGIS)
	tests/readme/run.py README.md $(LOGIS)

# Plans the FAAR sample, writes its report and renders report.html in headless Chromium
# (Debian chromium): fails on console messages from the page or a blank screenshot.
.PHONY: test-report
PNG_CHECK := $(BUILD)/png_check

$(PNG_CHECK): tests/report/png_check.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -o $@ $< -lz

test-report: $(LOGIS) $(PNG_CHECK)
	tests/report/run.sh $(LOGIS) $(PNG_CHECK)

# Installing: `make install [PREFIX=/usr] [DESTDIR=/tmp/stage]`, undone by `make uninstall` with
# the same variables. logis.pc and the man page get the paths given, at install time.
.PHONY: install uninstall test-install test-schema
SCHEMAS := $(wildcard data/schema/*.schema.json)
INSTALLED = $(BINDIR)/logis $(LIBDIR)/liblogis.a $(LIBDIR)/liblogis.so.$(VERSION) \
            $(LIBDIR)/liblogis.so.$(SOVERSION) $(LIBDIR)/liblogis.so $(INCLUDEDIR)/logis.h \
            $(PKGCONFIGDIR)/logis.pc $(MANDIR)/man1/logis.1 \
            $(SCHEMAS:data/schema/%=$(SCHEMADIR)/%)
# Paths under PREFIX are written as ${prefix}/...: pkg-config --define-prefix can relocate them.
PC_PATH = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

install: all
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@LIBDIR@|$(call PC_PATH,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call PC_PATH,$(INCLUDEDIR))|' logis.pc.in >$(BUILD)/logis.pc
	sed -e 's|/usr/local/share/logis/schema|$(SCHEMADIR)|g' \
	    -e 's|"logis [0-9.]*"|"logis $(VERSION)"|' cli/logis.1 >$(BUILD)/logis.1
	$(INSTALL) -d $(addprefix $(DESTDIR),$(BINDIR) $(LIBDIR) $(PKGCONFIGDIR) $(INCLUDEDIR) \
	    $(MANDIR)/man1 $(SCHEMADIR))
	$(INSTALL) -m 755 $(LOGIS) $(DESTDIR)$(BINDIR)/logis
	$(INSTALL) -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/liblogis.a
	$(INSTALL) -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/liblogis.so.$(VERSION)
	ln -sf liblogis.so.$(VERSION) $(DESTDIR)$(LIBDIR)/liblogis.so.$(SOVERSION)
	ln -sf liblogis.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/liblogis.so
	$(INSTALL) -m 644 include/logis.h $(DESTDIR)$(INCLUDEDIR)/logis.h
	$(INSTALL) -m 644 $(BUILD)/logis.pc $(DESTDIR)$(PKGCONFIGDIR)/logis.pc
	$(INSTALL) -m 644 $(BUILD)/logis.1 $(DESTDIR)$(MANDIR)/man1/logis.1
	$(INSTALL) -m 644 $(SCHEMAS) $(DESTDIR)$(SCHEMADIR)
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then \
	    ldconfig; fi

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	for dir in $(DESTDIR)$(SCHEMADIR) $(DESTDIR)$(DATAROOTDIR)/logis; do \
	    [ ! -d $$dir ] || rmdir --ignore-fail-on-non-empty $$dir; done

# Installs into $(BUILD)/install-test/stage, builds examples/ there with pkg-config, runs it on
# the FAAR sample, and uninstalls.
test-install: all
	MAKE="$(MAKE)" tests/install/run.sh $(BUILD)

# Validates data/ and plans against data/schema/ with ajv-cli (installed by npm into
# $(BUILD)/node when missing).
test-schema: $(LOGIS)
	tests/schema/run.sh $(LOGIS) $(BUILD)/node

# libFuzzer on every reader (clang 14): the scenario loader, plans, the household of `suggest`,
# CSV import; each target seeded from data/ and the CLI tests, FUZZ_SECONDS each; crashes land in
# $(BUILD)/fuzz/findings. `make fuzz FUZZ_SECONDS=1800` runs half an hour a target;
# `make fuzz FUZZ_TARGETS=csv` one target.
FUZZ_CC ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= scenario plan household csv
FUZZ_FLAGS ?= -max_len=65536 -timeout=10 -rss_limit_mb=2048
FUZZ_SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_FIXTURE := data/examples/waiting-and-sharing.json
FUZZ_HARNESS := tests/fuzz/fuzz_files.c tests/fuzz/fuzz_fixture.c

$(FUZZ_DIR)/liblogis-internal.a: $(LIB_SOURCES) $(LIB_HEADERS)
	$(MAKE) BUILD=$(FUZZ_DIR) CC=$(FUZZ_CC) \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SANITIZERS)" $(FUZZ_DIR)/liblogis-internal.a

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HARNESS) tests/fuzz/*.h \
                    $(FUZZ_DIR)/liblogis-internal.a
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SANITIZERS) \
	    -Iinclude -I. -o $@ $< $(FUZZ_HARNESS) $(FUZZ_DIR)/liblogis-internal.a $(LIBS)

fuzz: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%) $(LOGIS)
	@mkdir -p $(FUZZ_DIR)/findings
	set -e; for target in $(FUZZ_TARGETS); do \
	    tests/fuzz/seed_corpus.sh $$target $(FUZZ_DIR)/seeds-$$target $(FUZZ_FIXTURE) $(LOGIS); \
	    mkdir -p $(FUZZ_DIR)/corpus-$$target; \
	    LOGIS_FUZZ_SCENARIO=$(FUZZ_FIXTURE) $(FUZZ_DIR)/fuzz_$$target $(FUZZ_FLAGS) \
	        -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/$$target.dict \
	        -artifact_prefix=$(FUZZ_DIR)/findings/$$target- \
	        $(FUZZ_DIR)/corpus-$$target $(FUZZ_DIR)/seeds-$$target; \
	done

# Allocation failure, as SQLite tests it (tests/alloc/alloc_fail.c, issue 14): the Nth
# allocation of a plan, re-plan and report fails, for every N up to ALLOC_DENSE in each step,
# then every ALLOC_STRIDE-th, and the first ALLOC_PER_SITE times at each allocation site; every
# run must end with LOGIS_E_NOMEM and a message, no leak, no partial file, no crash. About
# 3,000 runs, 4 minutes on two busy cores; LeakSanitizer checks every ALLOC_LSAN_EVERY-th run.
# The library is the sanitizer build's (test-sanitize); the final link wraps its allocations.
.PHONY: test-alloc
ALLOC_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup \
              -Wl,--wrap=free
ALLOC_DENSE ?= 25
ALLOC_STRIDE ?= 1000
ALLOC_PER_SITE ?= 2
ALLOC_LSAN_EVERY ?= 50
ALLOC_FAIL := $(BUILD)/alloc/alloc_fail

$(ALLOC_FAIL): tests/alloc/alloc_fail.c $(LIB_SOURCES) $(LIB_HEADERS)
	$(MAKE) BUILD=$(BUILD)/sanitize CFLAGS="$(SANITIZE_CFLAGS)" \
	    $(BUILD)/sanitize/liblogis-internal.a
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) $(SANITIZE_CFLAGS) -Iinclude \
	    $(shell pkg-config --cflags libcjson 2>/dev/null) -o $@ $< \
	    $(BUILD)/sanitize/liblogis-internal.a $(ALLOC_WRAP) $(LIBS)

ALLOC_SWEEP = --dense $(ALLOC_DENSE) --stride $(ALLOC_STRIDE) --per-site $(ALLOC_PER_SITE) \
              --lsan-every $(ALLOC_LSAN_EVERY)

# FAAR, then the matching sample: a scores matrix (CSV), quotas, links, fixed stays.
test-alloc: $(ALLOC_FAIL)
	$(ALLOC_FAIL) data/faar/scenario.json $(ALLOC_SWEEP)
	$(ALLOC_FAIL) tests/matching/cases/tiny.json --now 2027-03-01 $(ALLOC_SWEEP)

deps:
	tools/deps build

demo: deps
	$(MAKE) $(LOGIS)
	$(LOGIS) plan data/faar/scenario.json -o $(BUILD)/faar-plan.json
	$(LOGIS) verify data/faar/scenario.json $(BUILD)/faar-plan.json

# HiGHS, the peer beside CBC, is the npm package `highs`, installed into $(BUILD)/bench-node when
# node and npm are there (else its columns say n/a).
bench: $(LOGIS) $(GENERATOR)
	bench/run.sh $(LOGIS) $(GENERATOR) $(BUILD)/bench-node
	bench/replay.sh $(LOGIS) $(GENERATOR)

# Only the replays (online against hindsight, with and without the forecast).
.PHONY: bench-replay
bench-replay: $(LOGIS) $(GENERATOR)
	bench/replay.sh $(LOGIS) $(GENERATOR)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
