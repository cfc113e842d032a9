# Makefile: builds liblogis (static and shared), the logis CLI, the tests and the benchmark.
# `make demo` installs missing Debian packages, builds and plans the FAAR sample; `make test`
# runs every suite, also under AddressSanitizer and UndefinedBehaviorSanitizer.

VERSION := 0.1.0
SOVERSION := 0
PREFIX ?= /usr/local

CC ?= cc
WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -Iinclude -Imodels -Isolver \
              $(shell pkg-config --cflags libcjson 2>/dev/null)
LIBS := -lglpk $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson) -lm
CUNIT_LIBS := $(shell pkg-config --libs cunit 2>/dev/null || echo -lcunit)

LIB_SOURCES := $(wildcard models/*.c) $(wildcard solver/*.c)
CLI_SOURCES := $(wildcard cli/*.c)
TEST_SOURCES := $(wildcard tests/*.c)

BUILD ?= build
LIB_OBJECTS := $(LIB_SOURCES:%.c=$(BUILD)/%.o)
PIC_OBJECTS := $(LIB_SOURCES:%.c=$(BUILD)/pic/%.o)
CLI_OBJECTS := $(CLI_SOURCES:%.c=$(BUILD)/%.o)
TEST_OBJECTS := $(TEST_SOURCES:%.c=$(BUILD)/%.o)

STATIC_LIB := $(BUILD)/liblogis.a
SHARED_LIB := $(BUILD)/liblogis.so.$(VERSION)
LOGIS := $(BUILD)/logis
TEST_RUNNER := $(BUILD)/test_logis
GENERATOR := $(BUILD)/gen_scenario

DEBIAN_PACKAGES := build-essential pkg-config libglpk-dev libcjson-dev libcunit1-dev

.PHONY: all lib test test-unit test-cli test-sanitize demo bench deps clean

all: $(LOGIS) $(STATIC_LIB) $(SHARED_LIB)

lib: $(STATIC_LIB) $(SHARED_LIB)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -MMD -MP -c $< -o $@

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

$(STATIC_LIB): $(LIB_OBJECTS)
	$(AR) rcs $@ $^

$(SHARED_LIB): $(PIC_OBJECTS)
	$(CC) -shared -Wl,-soname,liblogis.so.$(SOVERSION) -o $@ $^ $(LIBS)

# The CLI sees only include/: it is built against the public header alone.
$(BUILD)/cli/%.o: cli/%.c cli/cli.h include/logis.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -Iinclude -MMD -MP -c $< -o $@

$(LOGIS): $(CLI_OBJECTS) $(STATIC_LIB)
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJECTS) $(STATIC_LIB) $(LIBS)

$(TEST_RUNNER): $(TEST_OBJECTS) $(STATIC_LIB)
	$(CC) $(CFLAGS) -o $@ $(TEST_OBJECTS) $(STATIC_LIB) $(CUNIT_LIBS) $(LIBS)

$(GENERATOR): bench/gen_scenario.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -o $@ $< -lm

test-unit: $(TEST_RUNNER)
	$(TEST_RUNNER)

test-cli: $(LOGIS)
	tests/cli/run.sh $(LOGIS)

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize:
	$(MAKE) BUILD=$(BUILD)/sanitize \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    test-unit test-cli

test: test-unit test-cli test-sanitize

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; fi

demo: deps
	$(MAKE) $(LOGIS)
	$(LOGIS) plan data/faar/scenario.json -o $(BUILD)/faar-plan.json
	$(LOGIS) verify data/faar/scenario.json $(BUILD)/faar-plan.json

bench: $(LOGIS) $(GENERATOR)
	bench/run.sh $(LOGIS) $(GENERATOR)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
