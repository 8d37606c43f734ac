# zongzhi — hand-written GNU Makefile (see doc/ARCHITECTURE.md)
PREFIX  ?= /usr/local
DESTDIR ?=
# The installed layout (scripts/install.sh, doc/admin-guide.md): settings in SYSCONFDIR/zongzhi and
# data in LOCALSTATEDIR/lib/zongzhi whatever PREFIX is, as Debian keeps them.
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
SYSCONFDIR ?= /etc
LOCALSTATEDIR ?= /var
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
CC      ?= cc
PKGS    := ncursesw libssh libconfig libpcre2-8 libcrypto libcrypt xlsxwriter
CFLAGS  ?= -O2 -g
# What the code needs whatever CFLAGS the user gives (make CFLAGS=-O0 still builds).
LAYERS  := core domain ui ssh cli
ZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
	$(addprefix -Isrc/,$(LAYERS)) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
override CFLAGS += $(ZZ_CFLAGS)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ldb-5.3 -lutil -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS    := src/main.c $(sort $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c)))
LIBSRCS := $(filter-out src/main.c,$(SRCS))
OBJS    := $(SRCS:src/%.c=build/obj/%.o)
LIBOBJS := $(LIBSRCS:src/%.c=build/obj/%.o)
SANOBJS := $(LIBSRCS:src/%.c=build/san/%.o)
UTESTS  := $(sort $(wildcard tests/unit/test_*.c))
UBINS   := $(UTESTS:tests/unit/%.c=build/tests/%)
BENCHES := $(patsubst bench/%.c,build/bench/%,$(wildcard bench/*.c))

.PHONY: all deps test test-days unit e2e fuzz fuzz-smoke bench demo clean install uninstall check layers cppcheck format FORCE
all: bin/zongzhi

deps:
	@scripts/deps.sh

bin/zongzhi: $(OBJS)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

build/san/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -MMD -MP -c -o $@ $<

build/tests/%: tests/unit/%.c $(SANOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -MMD -MP -o $@ $< $(SANOBJS) $(LDFLAGS) $(LDLIBS) -lcmocka

# Test-only helpers of the end-to-end tests, linked with the program's objects; never installed.
E2EHELPERS := build/tests/crashwriter build/tests/dbtamper build/tests/sshprobe
$(E2EHELPERS): build/tests/%: tests/e2e/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -o $@ $< $(LIBOBJS) $(LDFLAGS) $(LDLIBS)
# Shared objects preloaded into one command of a test (tests/e2e/slowconnect.c, slowsync.c).
E2ESHIMS := build/tests/slowconnect.so build/tests/slowsync.so
$(E2ESHIMS): build/tests/%.so: tests/e2e/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -shared -fPIC -o $@ $< -ldl

# The settings file the program reads when none is named (-c) and there is no conf/ in the working
# folder: SYSCONFDIR's, rebuilt when SYSCONFDIR changes (the stamp is rewritten only then).
build/sysconfdir.stamp: FORCE
	@mkdir -p build
	@echo '$(SYSCONFDIR)' | cmp -s - $@ || echo '$(SYSCONFDIR)' >$@
build/obj/main.o build/san/main.o: build/sysconfdir.stamp
build/obj/main.o build/san/main.o: CFLAGS += -DZZ_SYSCONF='"$(SYSCONFDIR)/zongzhi/zongzhi.cfg"'

# Sanitizer build of the whole program, used by the end-to-end tests.
bin/zongzhi-san: $(SANOBJS) build/san/main.o
	@mkdir -p bin
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDFLAGS) $(LDLIBS)

unit: $(UBINS)
	@tests/run-unit.sh $(UBINS)

e2e: bin/zongzhi bin/zongzhi-san $(E2EHELPERS) $(E2ESHIMS)
	@tests/run-e2e.sh

test:
	@$(MAKE) --no-print-directory layers
	@$(MAKE) --no-print-directory unit
	@# The benchmark drivers only build here (make bench runs them): a library call changed under
	@# one of them broke make bench unseen once.
	@$(MAKE) --no-print-directory $(BENCHES)
	@$(MAKE) --no-print-directory fuzz-smoke
	@$(MAKE) --no-print-directory e2e

# libFuzzer harnesses (tests/fuzz/fuzz_*.c) over the core and domain layers built by clang with
# the fuzzer's coverage and ASan+UBSan; each runs FUZZ_SECONDS on its corpus (tests/fuzz/corpus/NAME).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZERS      := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FZOBJS       := $(patsubst src/%.c,build/fz/%.o,$(filter src/core/% src/domain/%,$(LIBSRCS)))

build/fz/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fz/libzongzhi.a: $(FZOBJS)
	rm -f $@
	ar rcs $@ $^

build/fuzz/%: tests/fuzz/%.c build/fz/libzongzhi.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -DZZ_REPO='"$(CURDIR)"' -MMD -MP -o $@ $< \
		build/fz/libzongzhi.a $(LDFLAGS) $(LDLIBS)

fuzz: $(FUZZERS)
	@tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

# Ten seconds each, part of make test.
fuzz-smoke: $(FUZZERS)
	@FUZZ_SEED=$${FUZZ_SEED:-1} tests/fuzz/run.sh 10 $(FUZZERS)

# The suite at a working day, a weekend, a holiday and a month's end (tests/run-days.sh).
test-days:
	@tests/run-days.sh

bench: deps bin/zongzhi $(BENCHES)
	@bench/run.sh

# Benchmark drivers: C programs over the library objects, never part of the product binary.
build/bench/%: bench/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -o $@ $< $(LIBOBJS) $(LDFLAGS) $(LDLIBS)

# The lookup benchmark compares with SQLite, linked into it alone.
build/bench/lookup: LDLIBS += -lsqlite3
build/bench/reports_bench: LDLIBS += -lsqlite3

demo: deps
	@$(MAKE) --no-print-directory bin/zongzhi
	@scripts/demo.sh

# Static checks and the unit tests: cppcheck, the one-way layers (scripts/layers.sh), cmocka.
check: cppcheck layers unit

layers:
	@scripts/layers.sh

cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
		--suppress=missingIncludeSystem --inline-suppr $(addprefix -Isrc/,$(LAYERS)) src

format:
	clang-format -i src/*.c src/*/*.c src/*/*.h tests/unit/*.c

INSTALL_VARS = DESTDIR='$(DESTDIR)' BINDIR='$(BINDIR)' DATADIR='$(DATADIR)' SYSCONFDIR='$(SYSCONFDIR)' \
	LOCALSTATEDIR='$(LOCALSTATEDIR)' SYSTEMDUNITDIR='$(SYSTEMDUNITDIR)'

# As root without DESTDIR it also creates the system account zongzhi and reloads systemd.
install: bin/zongzhi
	@$(INSTALL_VARS) scripts/install.sh install

# Removes what install put in place, never the data (LOCALSTATEDIR/lib/zongzhi) nor edited settings.
uninstall:
	@$(INSTALL_VARS) scripts/install.sh uninstall

clean:
	rm -rf build bin tests/out bench/out

-include $(OBJS:.o=.d) $(SANOBJS:.o=.d) $(FZOBJS:.o=.d) $(FUZZERS:=.d) build/san/main.d $(UBINS:=.d) $(BENCHES:=.d) $(E2EHELPERS:=.d)
