# One image for every role: GEOETL_ROLES picks what a container runs (docs/deploy.md).
# Build: docker build -t geoetl .   Run: docker run -e GEOETL_ROLES=worker-heavy,worker-light geoetl

# ---- build: the GDAL JNI library from the distribution's GDAL source, then the service jar ----
FROM debian:bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      gdal-bin libgdal-dev swig build-essential openjdk-17-jdk-headless maven ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# the same script as `make setup` (scripts/setup.sh step 2)
COPY scripts/build-gdal-jni.sh scripts/
RUN bash scripts/build-gdal-jni.sh /opt/gdal-jni /tmp/gdal-src && rm -rf /tmp/gdal-src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src src
COPY sql sql
RUN mvn -B -q -DskipTests package && cp target/geoetl-*.jar /opt/geoetl.jar

# ---- runtime: JRE, GDAL's shared library and data, no compiler, not root ----
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless libgdal32 gdal-data curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/geoetl --create-home geoetl
COPY --from=build /opt/gdal-jni/libgdalalljni.so /opt/geoetl/lib/
COPY --from=build /opt/geoetl.jar /opt/geoetl/geoetl.jar
WORKDIR /var/lib/geoetl
USER 10001:10001
# the heap follows the container's memory limit; an out-of-memory JVM exits (and is restarted)
# instead of limping on
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError" \
    GEOETL_ROLES="api,orchestrator,worker-heavy,worker-light,scheduler" \
    GEOETL_WORK_DIR=/var/lib/geoetl/work \
    GEOETL_BROKER_DIR=/var/lib/geoetl/artemis \
    GDAL_DATA=/usr/share/gdal
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/livez || exit 1
ENTRYPOINT ["java", "-Djava.library.path=/opt/geoetl/lib", "-jar", "/opt/geoetl/geoetl.jar"]
