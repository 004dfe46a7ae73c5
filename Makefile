# The two commands a newcomer needs:  make run  (serve the hub)  and  make test  (pass the tests).
# Everything they need is installed by the targets below: from PyPI and Maven Central, and on
# Debian the system packages a fresh machine lacks (scripts/ensure-system-deps.sh).

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
LAUNCHER := neo4j-launcher/target/classes/ohch/launcher/Neo4jLauncher.class
ASSETS   := web/dist/.built

.PHONY: run test check lint types pytest install launcher assets neo4j neo4j-stop bench clean system-deps test-deps messages

run: install launcher assets neo4j  ## Start Neo4j if needed, apply the schema, load reference data, serve the API
	$(BIN)/ohch schema apply
	$(BIN)/ohch reference load
	$(BIN)/ohch serve

test: check  ## Lint, type-check and run every test (unit and against a real Neo4j)

check: lint types pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy

pytest: install launcher assets test-deps
	$(BIN)/pytest

# What a fresh Debian machine lacks is installed from Debian's packages (as root; elsewhere the
# script names what to install).
system-deps:
	@scripts/ensure-system-deps.sh

test-deps:
	@scripts/ensure-system-deps.sh --tests

install: $(STAMP)

$(STAMP): pyproject.toml | system-deps
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (see README.md)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

launcher: $(LAUNCHER)

$(LAUNCHER): neo4j-launcher/pom.xml $(wildcard neo4j-launcher/src/main/java/ohch/launcher/*.java) | system-deps
	@command -v mvn >/dev/null || { echo "Maven and Java 17 are required (see README.md)"; exit 1; }
	cd neo4j-launcher && mvn --quiet --batch-mode package -DskipTests && touch target/ohch-built

# The web pages' CSS, JavaScript and images (GOV.UK Frontend, MOJ Frontend) from npm, built into
# web/dist and served at /assets/ (docs/WEB.md). No install scripts run: none is needed.
assets: $(ASSETS)

$(ASSETS): web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*) | system-deps
	@command -v npm >/dev/null || { echo "Node.js and npm are required (see README.md)"; exit 1; }
	cd web && npm ci --ignore-scripts --no-audit --no-fund && node build.mjs
	touch $@

# The public pages' words in English and Welsh (docs/WEB.md): extract them into the template and
# merge it into the Welsh catalog, whose new entries a translator then fills. The pages read the
# .po files themselves at start-up: nothing is compiled.
messages: install
	$(BIN)/pybabel extract -F pages/translations/babel.cfg -k Text --no-wrap --sort-by-file --omit-header -o pages/translations/messages.pot .
	$(BIN)/pybabel update -i pages/translations/messages.pot -d pages/translations -l cy --no-wrap --ignore-obsolete

neo4j: install launcher  ## Start the local Neo4j (does nothing when NEO4J_URI is set)
	$(BIN)/ohch neo4j start

neo4j-stop: install
	$(BIN)/ohch neo4j stop

bench: install launcher neo4j  ## Benchmarks against the running Neo4j; they print their figures
	$(BIN)/python bench/neo4j_baseline.py

clean:
	rm -rf $(VENV) neo4j-launcher/target web/node_modules web/dist .mypy_cache .ruff_cache .pytest_cache
