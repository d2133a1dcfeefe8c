# GeoETL — two commands: `make demo` and `make test`. Everything else is optional.
SHELL := /bin/bash
MVN ?= mvn -B -q
JNI_DIR := $(CURDIR)/.local/gdal-jni
JAR := target/geoetl-0.1.0-SNAPSHOT.jar
PORT ?= 8080

# the operations UI (ui/) is built by the system npm inside mvn package, so its sources count too
SOURCES := pom.xml $(shell find src/main sql ui/src -type f 2>/dev/null) ui/index.html ui/build.mjs ui/package-lock.json
SETUP_DONE := .local/setup.done
APP_DIR := .local/app
CDS := $(APP_DIR)/geoetl.jsa
# a training start with no consumers: it records the classes a start loads, nothing else
TRAINING := --server.port=0 --geoetl.broker.data-dir=$(APP_DIR)/training-artemis --geoetl.janitor.enabled=false \
            --geoetl.roles.orchestrator=false --geoetl.roles.worker-heavy=false --geoetl.roles.worker-light=false

.PHONY: setup build test unit-test it-test run services demo bench clean

setup:            ## provision PostgreSQL+PostGIS, GDAL + JNI, Azurite (idempotent)
	@bash scripts/setup.sh
	@mkdir -p .local && touch $(SETUP_DONE)

# provisioned once; later runs only make sure PostgreSQL is up (it is not after a reboot)
$(SETUP_DONE): scripts/setup.sh
	@bash scripts/setup.sh
	@touch $(SETUP_DONE)

services: $(SETUP_DONE)
	@pg_isready -q -h localhost -p 5432 || bash scripts/setup.sh

# packaged again only when a source, a migration or the pom changed
$(JAR): $(SOURCES) | $(SETUP_DONE)
	$(MVN) -DskipTests package

build: services $(JAR)  ## compile and package the service (tests skipped) when something changed

# the jar unpacked plus a class-data-sharing archive, recorded once per build: the service starts
# in about 9 s instead of 13 on two cores
$(CDS): $(JAR)
	@rm -rf $(APP_DIR) && java -Djarmode=tools -jar $(JAR) extract --destination $(APP_DIR) >/dev/null 2>&1
	@echo "  [run] recording a class-data archive for faster starts (once per build, ~20 s)"
	@java -XX:ArchiveClassesAtExit=$(CDS) -Dspring.context.exit=onRefresh -Djava.library.path=$(JNI_DIR) \
	     -jar $(APP_DIR)/$(notdir $(JAR)) $(TRAINING) >$(APP_DIR)/training.log 2>&1 \
	  || { echo "  [run] no class-data archive (see $(APP_DIR)/training.log); starting without"; rm -f $(CDS); }

test: setup       ## every test: unit, route and integration tiers (reports in target/*-reports)
	mvn -B verify | grep -E 'Tests run:|FAIL|ERROR|BUILD' ; exit $${PIPESTATUS[0]}

unit-test: setup  ## unit and route tiers only
	$(MVN) test

run: services $(CDS)  ## the service on :8080, every role in one process, embedded broker (no rebuild when nothing changed)
	java -XX:SharedArchiveFile=$(CDS) -Xshare:auto -Djava.library.path=$(JNI_DIR) -jar $(APP_DIR)/$(notdir $(JAR)) \
	     --server.port=$(PORT)

demo: build       ## start the service, run the demo jobs end to end, print where the results are
	@bash scripts/demo.sh

bench: build      ## benchmarks; figures printed and written under target/bench/
	@bash scripts/bench.sh

clean:
	$(MVN) clean
