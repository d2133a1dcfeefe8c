# GeoETL — two commands: `make demo` and `make test`. Everything else is optional.
SHELL := /bin/bash
MVN ?= mvn -B -q
JNI_DIR := $(CURDIR)/.local/gdal-jni
JAR := target/geoetl-0.1.0-SNAPSHOT.jar
PORT ?= 8080

.PHONY: setup build test unit-test it-test run demo bench clean

setup:            ## provision PostgreSQL+PostGIS, GDAL + JNI, Azurite (idempotent)
	@bash scripts/setup.sh

build: setup      ## compile and package the service (tests skipped)
	$(MVN) -DskipTests package

test: setup       ## every test: unit, route and integration tiers (reports in target/*-reports)
	mvn -B verify | grep -E 'Tests run:|FAIL|ERROR|BUILD' ; exit $${PIPESTATUS[0]}

unit-test: setup  ## unit and route tiers only
	$(MVN) test

run: build        ## the service on :8080, every role in one process, embedded broker
	java -Djava.library.path=$(JNI_DIR) -jar $(JAR) --server.port=$(PORT)

demo: build       ## start the service, run the demo jobs end to end, print where the results are
	@bash scripts/demo.sh

bench: build      ## benchmarks; figures printed and written under target/bench/
	@bash scripts/bench.sh

clean:
	$(MVN) clean
