# crossread — plain Makefile.
#
#   make            build libcrossread (static and shared) and the crossread CLI
#   make demo       install missing packages, build, run on examples/
#   make test       every test tier, then the same suite under ASan+UBSan
#   make fuzz       run each libFuzzer target for FUZZ_SECONDS (default 300)
#   make bench      throughput benchmarks (needs ../shared/data)
#
# Dependencies come from Debian packages (scripts/install-deps.sh) and are
# found with pkg-config where the package ships a .pc file.

CC      ?= cc
CXX     ?= c++
BUILD   ?= build
SAN     ?=
OPT     ?= -O2

PKGS    := sqlite3 libutf8proc zlib libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L
CFLAGS  ?= $(OPT) -g
ifeq ($(SAN),1)
  SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ALL_CFLAGS   = $(CSTD) $(WARN) $(CFLAGS) $(SANFLAGS) -fPIC -fvisibility=hidden \
               -Iinclude -Isrc -I$(GEN_DIR) $(PKG_CFLAGS)
ALL_CXXFLAGS = -std=c++11 -Wall -Wextra $(CFLAGS) $(SANFLAGS) -fPIC -fvisibility=hidden \
               -Iinclude -Isrc
LIBS     = $(PKG_LIBS) -lstemmer -lcld2 -lstdc++ -lm -pthread
LDFLAGS += $(SANFLAGS)

# Pipeline order: util → ingest → text → store (later: dedup, stories, ...)
LIB_C   := $(sort $(wildcard src/*/*.c))
LIB_CC  := $(sort $(wildcard src/*/*.cc))
LIB_OBJ := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CC:%.cc=$(BUILD)/%.o)
CLI_C   := $(sort $(wildcard cli/*.c))
CLI_OBJ := $(CLI_C:%.c=$(BUILD)/%.o)
UNIT_C  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN:= $(UNIT_C:tests/unit/%.c=$(BUILD)/tests/%)

# Tables generated at build time: the word classes and the gazetteer of the
# extraction stage (src/extract/*.tsv -> sorted C initialisers).
GEN_DIR := $(BUILD)/gen
GEN_INC := $(GEN_DIR)/extract_gaz.inc $(GEN_DIR)/extract_lex.inc \
           $(GEN_DIR)/extract_gaz_hash.inc $(GEN_DIR)/extract_lex_hash.inc
GEN_SRC := src/extract/gen_tables.awk src/extract/gazetteer.tsv src/extract/lexicon.tsv
GEN_AWK := $(GEN_SRC) src/extract/gen_index.awk

# The synonym classes of the comparison stage, from WordNet 3.0 (Debian's
# wordnet-base): gen_synsets.awk reads the index and exception files,
# sorts, and writes C initialisers (src/compare/synonyms.c).
WORDNET ?= /usr/share/wordnet
WN_FILES := $(addprefix $(WORDNET)/,index.noun index.verb index.adj index.adv data.noun data.verb \
            noun.exc verb.exc adj.exc adv.exc)
SYN_SENSES := 3

LIBA    := $(BUILD)/libcrossread.a
LIBSO   := $(BUILD)/libcrossread.so
CLI     := $(BUILD)/crossread

.PHONY: all lib cli demo test check unit spec clitest asan fuzz fuzz-short bench deps clean

all: lib cli
lib: $(LIBA) $(LIBSO)
cli: $(CLI)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CXXFLAGS) -MMD -MP -c $< -o $@

$(GEN_DIR)/extract_gaz.inc: $(GEN_AWK)
	@mkdir -p $(GEN_DIR)
	awk -f $(GEN_SRC) | LC_ALL=C sort -t "$$(printf '\t')" -k1,1 -k2,2 -k3,3 | \
	    awk -F '\t' -v g=$(GEN_DIR)/extract_gaz.inc -v l=$(GEN_DIR)/extract_lex.inc \
	    -v gi=$(GEN_DIR)/extract_gaz_hash.inc -v li=$(GEN_DIR)/extract_lex_hash.inc \
	    -f src/extract/gen_index.awk
$(GEN_DIR)/extract_lex.inc $(GEN_DIR)/extract_gaz_hash.inc $(GEN_DIR)/extract_lex_hash.inc: $(GEN_DIR)/extract_gaz.inc
$(BUILD)/src/extract/lexicon.o: $(GEN_INC)

$(GEN_DIR)/compare_syn.inc: src/compare/gen_synsets.awk
	@for f in $(WN_FILES); do [ -r "$$f" ] || { \
	    echo "crossread: $$f not found: the WordNet data (Debian package wordnet-base) is missing; run scripts/install-deps.sh" >&2; \
	    exit 1; }; done
	@mkdir -p $(GEN_DIR)
	awk -v K=$(SYN_SENSES) -f src/compare/gen_synsets.awk $(WN_FILES) | LC_ALL=C sort | \
	    awk -v emit=1 -f src/compare/gen_synsets.awk >$@.tmp && mv $@.tmp $@
$(BUILD)/src/compare/synonyms.o: $(GEN_DIR)/compare_syn.inc

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(LIBSO): $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(LDFLAGS) $(LIBS)

$(CLI): $(CLI_OBJ) $(LIBA)
	$(CC) -o $@ $(CLI_OBJ) $(LIBA) $(LDFLAGS) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< $(LIBA) \
	    $(LDFLAGS) $(shell pkg-config --libs cmocka) $(LIBS)

deps:
	@scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh $(CLI)

# --- tests ----------------------------------------------------------------
# `make test` runs every tier in the normal build, then unit + spec + CLI
# tiers again in an ASan+UBSan build, then the short fuzz runs. The last line
# is the summary; the exit status is non-zero if any tier failed.
test: deps
	@scripts/run-tests.sh

# One tier set in the current BUILD (used by run-tests.sh for both builds).
check: unit spec clitest

unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

spec: $(CLI)
	@tests/spec/run.sh $(CLI)

clitest: $(CLI)
	@tests/cli/run.sh $(CLI) && tests/cli/compare.sh $(CLI)

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 OPT=-O1 check

FUZZ_SECONDS ?= 300
FUZZ_TARGETS := $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_CFLAGS  := $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc -I$(GEN_DIR) $(PKG_CFLAGS)

# Targets that fuzz CLI code name the CLI files they need here.
FUZZ_EXTRA_fuzz_quote_gold := cli/quote_metrics.c cli/dup_metrics.c
build/fuzz/fuzz_quote_gold: $(FUZZ_EXTRA_fuzz_quote_gold) cli/quote_metrics.h

build/fuzz/%: fuzz/%.c $(LIB_C) $(LIB_CC) $(GEN_INC) $(GEN_DIR)/compare_syn.inc
	@mkdir -p build/fuzz/obj
	@for f in $(LIB_CC); do clang++ -std=c++11 -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	    -Iinclude -Isrc -c $$f -o build/fuzz/obj/$$(basename $$f .cc).o || exit 1; done
	clang $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_EXTRA_$*) $(LIB_C) build/fuzz/obj/*.o $(LIBS)

fuzz: $(FUZZ_TARGETS)
	@scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-short: $(FUZZ_TARGETS)
	@scripts/fuzz.sh $${FUZZ_SHORT_SECONDS:-15} $(FUZZ_TARGETS)

$(BUILD)/bench_text: bench/bench_text.c $(LIBA)
	$(CC) $(CSTD) -O2 -g -Iinclude -o $@ $< $(LIBA) $(LDFLAGS) $(LIBS)

$(BUILD)/extract_bench: bench/extract_bench.c $(LIBA)
	$(CC) $(CSTD) -O2 -g -Iinclude -o $@ $< $(LIBA) $(LDFLAGS) $(LIBS)

bench: all $(BUILD)/bench_text $(BUILD)/extract_bench
	@bench/run.sh $(BUILD)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
